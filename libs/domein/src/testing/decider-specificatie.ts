import { vouw, type Decider, type DomeinEvent } from '../decider/decider';

/**
 * Test support for deciders (not exported from the library): given the events so far, when a
 * command, then the events it causes, or the error it refuses with.
 *
 *   given(notificatieDecider, []).when(commando).then([{ type: 'NotificatieBepaald', data }]);
 */
export function given<C, S, E extends DomeinEvent>(decider: Decider<C, S, E>, events: readonly E[] = [], state?: S) {
  const voor = vouw(decider, events, state ?? decider.initialState);
  return {
    when(command: C) {
      const uitkomst = () => decider.decide(command, voor);
      return {
        then(verwacht: readonly E[] | ((events: readonly E[]) => void)): readonly E[] {
          const events = uitkomst();
          if (typeof verwacht === 'function') verwacht(events);
          else expect(events).toEqual(verwacht);
          return events;
        },
        thenRefuses(melding: string | RegExp): void {
          expect(uitkomst).toThrow(melding);
        },
      };
    },
  };
}

/**
 * A domain event: what a decision says happened, as `{ type, data }`, so that a union of events is
 * narrowed by `type` and an adapter can map each to a message or a row.
 */
export interface DomeinEvent<T extends string = string, D = unknown> {
  readonly type: T;
  readonly data: D;
}

/**
 * A decision of the domain in its pure form: `decide` says which events a command causes given
 * the state; `evolve` folds an event into the state. No clock, no randomness, no I/O: whatever the
 * decision needs of the world (a peildatum, reference data) comes in with the command or the state.
 * Handlers in the services load the state, decide, persist the events' effects and write them to
 * the outbox, nothing else.
 */
export interface Decider<C, S, E extends DomeinEvent> {
  readonly initialState: S;
  decide(command: C, state: S): readonly E[];
  evolve(state: S, event: E): S;
}

/** The state after a history of events. */
export function vouw<C, S, E extends DomeinEvent>(decider: Decider<C, S, E>, events: readonly E[], state: S = decider.initialState): S {
  return events.reduce((s, e) => decider.evolve(s, e), state);
}

import type { Decider, DomeinEvent } from '../decider/decider';
import type { Oorzaak } from '../oorzaak';
import type { Wijziging } from './wijzigingen';

/**
 * D8: an instelling is notified when a field of its student's basisset changes through a cause
 * that is not its own aanlevering.
 */
export function moetNotificeren(ontvanger: string, oorzaak: Oorzaak, wijzigingen: Wijziging[]): boolean {
  if (wijzigingen.length === 0) return false;
  return !(oorzaak.soort === 'AANLEVERING' && oorzaak.instelling === ontvanger);
}

/** D7: the cause in words, never naming another instelling (individual data stays with the student's own). */
export function beschrijfOorzaak(oorzaak: Oorzaak): string {
  switch (oorzaak.soort) {
    case 'AANLEVERING':
      return 'Een aanlevering van een andere instelling voor deze student.';
    case 'EXTERN':
      return `Een wijziging in een externe registratie (${oorzaak.bron}).`;
    case 'REFERENTIE':
      return `Een wijziging in de referentiegegevens (${oorzaak.bron}).`;
    case 'REGELSET':
      return `Een correctie van de bekostigingsregels (${oorzaak.bron}).`;
    default: {
      const onbekend: never = oorzaak;
      throw new Error(`onbekende oorzaak ${JSON.stringify(onbekend)}`);
    }
  }
}

export function notificatieTekst(wijzigingen: Wijziging[], oorzaak: Oorzaak): string {
  const velden = wijzigingen.map((w) => `${w.veld}: ${w.oud ?? 'leeg'} -> ${w.nieuw ?? 'leeg'}`).join('; ');
  return `De basisset van uw student is gewijzigd (${velden}). Oorzaak: ${beschrijfOorzaak(oorzaak)}`;
}

/** A basisset of one inschrijving changed; is its instelling to be told? */
export interface BeoordeelBasissetwijziging {
  readonly type: 'BeoordeelBasissetwijziging';
  /** The instelling of the inschrijving: the only one that may be told (D7). */
  readonly instelling: string;
  readonly persoonsnummer: string;
  readonly inschrijvingId: string;
  readonly wijzigingen: readonly Wijziging[];
  readonly oorzaak: Oorzaak;
  /** The id of the event that announced the change: one notificatie per change, also when it comes again. */
  readonly aanleiding: string;
}

/** What the instelling is told (the shape of the Notificatie event on its topic). */
export interface Notificatie {
  readonly notificatieId: string;
  readonly instelling: string;
  readonly persoonsnummer: string;
  readonly inschrijvingId: string;
  readonly wijzigingen: Wijziging[];
  readonly oorzaak: { readonly soort: Oorzaak['soort']; readonly omschrijving: string; readonly bron: string | null };
  readonly tekst: string;
}

export type NotificatieEvent = DomeinEvent<'NotificatieBepaald', Notificatie>;

/**
 * D8 as a decider: a change the instelling did not cause itself becomes one notificatie, worded
 * without naming another instelling (D7). It needs no state: whether the change was seen before
 * is the inbox's concern.
 */
export const notificatieDecider: Decider<BeoordeelBasissetwijziging, null, NotificatieEvent> = {
  initialState: null,
  decide(command) {
    const { instelling, oorzaak, wijzigingen } = command;
    if (!moetNotificeren(instelling, oorzaak, [...wijzigingen])) return [];
    return [{
      type: 'NotificatieBepaald',
      data: {
        notificatieId: `notificatie:${command.aanleiding}`,
        instelling,
        persoonsnummer: command.persoonsnummer,
        inschrijvingId: command.inschrijvingId,
        wijzigingen: [...wijzigingen],
        oorzaak: { soort: oorzaak.soort, omschrijving: beschrijfOorzaak(oorzaak), bron: oorzaak.soort === 'AANLEVERING' ? null : oorzaak.bron },
        tekst: notificatieTekst([...wijzigingen], oorzaak),
      },
    }];
  },
  evolve: (state) => state,
};

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

/** One basisset that changed for an instelling: of an inschrijving, or its basisset at aanmelding. */
export interface Onderdeel {
  readonly soort: 'INSCHRIJVING' | 'AANMELDING';
  /** The instelling's own id of the inschrijving or aanmelding. */
  readonly id: string;
  readonly crebo: string | null;
  readonly wijzigingen: readonly Wijziging[];
}

/**
 * One cause changed basissets of one student; which instellingen are to be told? `instellingen`
 * are those that may be (a running inschrijving or an unexpired aanmelding, D7), each once, with
 * everything that changed for it.
 */
export interface BeoordeelBasissetwijzigingen {
  readonly type: 'BeoordeelBasissetwijzigingen';
  readonly persoonsnummer: string;
  readonly oorzaak: Oorzaak;
  readonly instellingen: readonly { readonly instelling: string; readonly onderdelen: readonly Onderdeel[] }[];
  /**
   * Names the change (one cause of one student) without revealing it: the notificatie id is made
   * of it and the recipient, so that a change that comes again is the same notificatie.
   */
  readonly aanleiding: string;
}

/** What the instelling is told (the shape of the Notificatie event on its topic). */
export interface Notificatie {
  readonly notificatieId: string;
  readonly instelling: string;
  readonly persoonsnummer: string;
  /** The first changed inschrijving; empty when only the basisset at aanmelding changed. */
  readonly inschrijvingId: string;
  /** The changes of the first onderdeel. */
  readonly wijzigingen: Wijziging[];
  readonly oorzaak: { readonly soort: Oorzaak['soort']; readonly omschrijving: string; readonly bron: string | null };
  readonly tekst: string;
  /** Everything that changed for this instelling through this cause. */
  readonly onderdelen: { soort: Onderdeel['soort']; id: string; crebo: string | null; wijzigingen: Wijziging[] }[];
}

export type NotificatieEvent = DomeinEvent<'NotificatieBepaald', Notificatie>;

/** The text of a notificatie: one inschrijving reads as before; several parts are each named by their own id. */
export function notificatieTekstVoor(onderdelen: readonly Onderdeel[], oorzaak: Oorzaak): string {
  if (onderdelen.length === 1 && onderdelen[0].soort === 'INSCHRIJVING') return notificatieTekst([...onderdelen[0].wijzigingen], oorzaak);
  const velden = (o: Onderdeel) => o.wijzigingen.map((w) => `${w.veld}: ${w.oud ?? 'leeg'} -> ${w.nieuw ?? 'leeg'}`).join('; ');
  const delen = onderdelen.map((o) => `${o.soort === 'INSCHRIJVING' ? 'inschrijving' : 'basisset bij aanmelding'} ${o.id}: ${velden(o)}`).join(' | ');
  return `De basisset van uw student is gewijzigd (${delen}). Oorzaak: ${beschrijfOorzaak(oorzaak)}`;
}

/**
 * D8 as a decider: one cause becomes at most one notificatie per instelling that may be told, and
 * none for the instelling whose own aanlevering it was (its answer is its terugkoppeling), worded
 * without naming another instelling (D7). It needs no state: whether the change was seen before is
 * the inbox's concern, and the notificatie id is the same each time.
 */
export const notificatieDecider: Decider<BeoordeelBasissetwijzigingen, null, NotificatieEvent> = {
  initialState: null,
  decide(command) {
    const { oorzaak } = command;
    return command.instellingen.flatMap(({ instelling, onderdelen: alle }): NotificatieEvent[] => {
      const onderdelen = alle.filter((o) => o.wijzigingen.length > 0);
      if (onderdelen.length === 0 || !moetNotificeren(instelling, oorzaak, [...onderdelen[0].wijzigingen])) return [];
      const [eerste] = onderdelen;
      return [{
        type: 'NotificatieBepaald',
        data: {
          notificatieId: `notificatie:${command.aanleiding}:${instelling}`,
          instelling,
          persoonsnummer: command.persoonsnummer,
          inschrijvingId: eerste.soort === 'INSCHRIJVING' ? eerste.id : '',
          wijzigingen: [...eerste.wijzigingen],
          oorzaak: { soort: oorzaak.soort, omschrijving: beschrijfOorzaak(oorzaak), bron: oorzaak.soort === 'AANLEVERING' ? null : oorzaak.bron },
          tekst: notificatieTekstVoor(onderdelen, oorzaak),
          onderdelen: onderdelen.map((o) => ({ soort: o.soort, id: o.id, crebo: o.crebo, wijzigingen: [...o.wijzigingen] })),
        },
      }];
    });
  },
  evolve: (state) => state,
};

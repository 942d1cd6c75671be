import type { Wijziging } from './wijzigingen';

export type Oorzaak =
  | { soort: 'AANLEVERING'; instelling: string }
  | { soort: 'EXTERN'; bron: string }
  | { soort: 'REFERENTIE'; bron: string }
  | { soort: 'REGELSET'; bron: string };

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

/**
 * The cause named by a message's origin header: `aanlevering:<BRIN>:<batchId>`, `extern:<bron>`,
 * `referentie:<bron>` or `regelset:<id>`. Anything else is an external source by that name.
 */
export function oorzaakVanOrigin(origin: string): Oorzaak {
  const [soort, eerste = ''] = origin.split(':');
  switch (soort) {
    case 'aanlevering':
      return { soort: 'AANLEVERING', instelling: eerste };
    case 'referentie':
      return { soort: 'REFERENTIE', bron: eerste };
    case 'regelset':
      return { soort: 'REGELSET', bron: eerste };
    case 'extern':
      return { soort: 'EXTERN', bron: eerste };
    default:
      return { soort: 'EXTERN', bron: origin };
  }
}

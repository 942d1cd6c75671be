/**
 * Mutatiestop (Regeling gegevensverstrekking BVE 2009 art. 4-7; docs/domein.md fact 25-26): from
 * 1 June after the 1 February teldatum, funding-relevant fields of that studiejaar (1 August -
 * 31 July) change only with an accountant's statement. A new record (toevoeging) is not a change
 * of a field; a wijziging or verwijdering of data in a closed studiejaar is.
 */
export function mutatiestopVan(datum: string): string {
  const jaar = Number(datum.slice(0, 4));
  const eindjaar = datum.slice(5) >= '08-01' ? jaar + 1 : jaar;
  return `${eindjaar}-06-01`;
}

/** Whether the studiejaar of `datum` is closed on `peildatum`; its mutatiestop date if so. */
export function gesloten(datum: string | null | undefined, peildatum: string): string | undefined {
  if (!datum) return undefined;
  const stop = mutatiestopVan(datum);
  return peildatum >= stop ? stop : undefined;
}

/** Fields the mutatiestop locks (fact 26); BPV einde, omvang and leerbedrijf stay open. */
export const VERGRENDELDE_INSCHRIJVINGSVELDEN = ['crebo', 'leerweg', 'intensiteit', 'begin', 'einde', 'redenUitschrijving'] as const;
export const VERGRENDELDE_BPV_VELDEN = ['afgesloten', 'begin'] as const;

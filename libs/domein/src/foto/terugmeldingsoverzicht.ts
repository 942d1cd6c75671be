/** One inschrijving as the first foto service sees it (newest versie only); `Basissetversie` is the versioned model that replaces it. */
export interface FotoRegel {
  persoonsnummer: string;
  inschrijvingId: string;
  crebo: string;
  leerweg: string;
  niveau: number | null;
  bekostigd: boolean;
  verblijfsjaar: number | null;
  prijsfactor: number | null;
  bijdrage: number;
}

export interface TerugmeldingsRegel {
  crebo: string;
  leerweg: string;
  niveau: number | null;
  verblijfsjaar: number | null;
  inschrijvingen: number;
  bekostigd: number;
}

/** The first foto service's terugmeldingsoverzicht: counts per opleiding, leerweg, niveau and verblijfsjaar, sorted. `maakTerugmeldingsoverzicht` gives the BEK/SAG/SIN lines. */
export function terugmeldingsoverzicht(regels: FotoRegel[]): TerugmeldingsRegel[] {
  const groepen = new Map<string, TerugmeldingsRegel>();
  for (const r of regels) {
    const sleutel = [r.crebo, r.leerweg, r.niveau, r.verblijfsjaar].join('|');
    const groep = groepen.get(sleutel) ?? { crebo: r.crebo, leerweg: r.leerweg, niveau: r.niveau, verblijfsjaar: r.verblijfsjaar, inschrijvingen: 0, bekostigd: 0 };
    groep.inschrijvingen += 1;
    if (r.bekostigd) groep.bekostigd += 1;
    groepen.set(sleutel, groep);
  }
  return [...groepen.values()].sort((a, b) =>
    a.crebo.localeCompare(b.crebo) || a.leerweg.localeCompare(b.leerweg) || (a.niveau ?? 0) - (b.niveau ?? 0) || (a.verblijfsjaar ?? 0) - (b.verblijfsjaar ?? 0));
}

/** D5 / fact 38: the status code of a foto by its moment; a foto on request has its own, `O` (docs/foto.md). */
export const FOTO_STATUS = { VOORLOPIG_1: '1', INTEGRAAL: '2', VOORLOPIG_2: 'V', DEFINITIEF: 'D', OP_VERZOEK: 'O' } as const;

import { GELDIGHEID_2015_STANDAARD, Kwalificatietabel, parseKwalificaties } from './kwalificaties';

/**
 * The default reference data (D10): Regeling vaststelling kwalificatiedossiers 2015 (BWBR0036352),
 * Bijlage 1, 470 kwalificaties, shipped as `data/kwalificaties-2015.csv` (public law data).
 * This module does no I/O: the service reads the file and passes its text in.
 */
export const KWALIFICATIES_2015 = {
  bestand: 'data/kwalificaties-2015.csv',
  bron: 'Regeling vaststelling kwalificatiedossiers 2015 (BWBR0036352), Bijlage 1',
  aantal: 470,
  geldigheid: GELDIGHEID_2015_STANDAARD,
} as const;

/** Build the default table from the text of `data/kwalificaties-2015.csv`. */
export function kwalificaties2015(csvTekst: string): Kwalificatietabel {
  const tabel = parseKwalificaties(csvTekst, { geldigheid: KWALIFICATIES_2015.geldigheid });
  if (tabel.aantal !== KWALIFICATIES_2015.aantal) {
    throw new Error(`kwalificaties 2015: ${tabel.aantal} rijen, verwacht ${KWALIFICATIES_2015.aantal}`);
  }
  return tabel;
}

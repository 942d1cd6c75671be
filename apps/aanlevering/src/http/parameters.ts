import { VerzoekFout } from './verzoek-fout';

const BATCH_ID = /^[A-Za-z0-9][A-Za-z0-9._~-]{0,127}$/;
const STANDAARD_AANTAL = 1000;
const MAXIMAAL_AANTAL = 10_000;

/** The sender's batch id: letters, digits and `.` `_` `~` `-` (it travels in topics' origins and in URLs). */
export function geldigBatchId(batchId: string): string {
  if (!BATCH_ID.test(batchId)) {
    throw new VerzoekFout(400, 'batchId moet 1 tot 128 letters, cijfers, punten, liggende streepjes, tildes of koppeltekens zijn, en met een letter of cijfer beginnen');
  }
  return batchId;
}

/** `?bestandsnaam=`: only shown back to the instelling, so any name of reasonable length without control characters. */
export function geldigeBestandsnaam(bestandsnaam: string | null): string | null {
  if (bestandsnaam === null || bestandsnaam === '') return null;
  if (bestandsnaam.length > 255 || /[\u0000-\u001f\u007f]/.test(bestandsnaam)) {
    throw new VerzoekFout(400, 'bestandsnaam mag hoogstens 255 tekens lang zijn en geen stuurtekens bevatten');
  }
  return bestandsnaam;
}

export interface Pagina {
  /** The first recordnummer on the page. */
  vanaf: number;
  aantal: number;
}

/** `?vanaf=<recordnummer>&aantal=<n>`: from record 1 and 1000 at a time unless asked otherwise, at most 10000. */
export function paginaVan(vanaf: string | null, aantal: string | null): Pagina {
  return {
    vanaf: geheelGetal('vanaf', vanaf, 1, 0, Number.MAX_SAFE_INTEGER),
    aantal: geheelGetal('aantal', aantal, STANDAARD_AANTAL, 1, MAXIMAAL_AANTAL),
  };
}

function geheelGetal(naam: string, waarde: string | null, standaard: number, minimum: number, maximum: number): number {
  if (waarde === null) return standaard;
  const getal = /^\d{1,16}$/.test(waarde) ? Number(waarde) : Number.NaN;
  if (!Number.isSafeInteger(getal) || getal < minimum || getal > maximum) {
    throw new VerzoekFout(400, `${naam} moet een geheel getal van ${minimum} tot en met ${maximum} zijn, niet '${waarde}'`);
  }
  return getal;
}

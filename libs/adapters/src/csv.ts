/**
 * CSV for people: every CSV file the platform writes for people to open builds its cells here.
 *
 * Safety (OWASP "CSV Injection"): Excel, LibreOffice and Google Sheets read a cell that starts with
 * `=`, `+`, `-` or `@` as a formula (`=cmd|' /C calc'!A0` starts a program), and a leading tab or
 * carriage return can hide such a start; so such a text gets a leading single quote. A cell that is
 * neutralised, or holds a quote, the separator or a line break, is put in double quotes with its
 * quotes doubled (RFC 4180), so that a value can neither end its cell nor start a new one.
 *
 * Dutch Excel (`CSV_VOOR_MENSEN`, docs/foto.md): `;` separates cells (the list separator of a
 * Dutch Windows, where `,` is the decimal sign), numbers have a decimal comma, and the file starts
 * with a UTF-8 byte order mark (`CSV_BOM`) so Excel reads it as UTF-8. A code (persoonsnummer,
 * crebo, BRIN, volgnummer) is written with `csvCode`: a code that starts with a digit gets a
 * leading tab inside its quotes, so that Excel keeps it as text with its leading zeros (without it
 * Excel makes `012345672` the number 12345672). No formula (`="0123"`) is used: that is the very
 * thing the neutralising refuses. The cost: a program that reads the file must trim that tab.
 *
 * A number is written as it is: `-3` typed as a number is a value, not a formula, and the check is
 * on the text a value becomes, so only strings (the values that can come from outside) are changed.
 */

export interface CsvOpmaak {
  readonly scheidingsteken: ',' | ';';
  readonly decimaalteken: '.' | ',';
}

/** RFC 4180 with a decimal point: for programs. */
export const CSV_RFC4180: CsvOpmaak = { scheidingsteken: ',', decimaalteken: '.' };
/** As Dutch Excel opens it. Write `CSV_BOM` first. */
export const CSV_VOOR_MENSEN: CsvOpmaak = { scheidingsteken: ';', decimaalteken: ',' };
/** The UTF-8 byte order mark, as the first character of a file. */
export const CSV_BOM = '\uFEFF';

/** A code that must stay text (leading zeros), made by `csvCode`. */
export interface CsvCode {
  readonly code: string;
}
export const csvCode = (code: string | null | undefined): CsvCode | null => (code === null || code === undefined ? null : { code });

export type CsvWaarde = string | number | boolean | CsvCode | null | undefined;

const inQuotes = (tekst: string): string => `"${tekst.replace(/"/g, '""')}"`;

/** One cell: text is neutralised and quoted as needed, a number uses the decimal sign, a boolean is `ja`/`nee`. */
export function csvCel(waarde: CsvWaarde, opmaak: CsvOpmaak = CSV_RFC4180): string {
  if (waarde === null || waarde === undefined) return '';
  if (typeof waarde === 'boolean') return waarde ? 'ja' : 'nee';
  if (typeof waarde === 'number') {
    if (!Number.isFinite(waarde)) throw new Error(`geen eindig getal voor een CSV-cel: ${waarde}`);
    const tekst = String(waarde);
    if (opmaak.decimaalteken === '.' || !tekst.includes('.')) return tekst;
    return opmaak.scheidingsteken === ',' ? inQuotes(tekst.replace('.', ',')) : tekst.replace('.', ',');
  }
  if (typeof waarde === 'object') {
    // Only a code that starts with a digit can become a number or a date; a tab before a digit is no formula start.
    return /^[0-9]/.test(waarde.code) ? inQuotes(`\t${waarde.code}`) : csvCel(waarde.code, opmaak);
  }
  const neutraal = FORMULE_BEGIN.test(waarde) ? `'${waarde}` : waarde;
  // Both separators are quoted, whichever the file uses, so a cell reads the same if a reader guesses the other one.
  return neutraal !== waarde || /[",;\n\r]/.test(neutraal) ? inQuotes(neutraal) : neutraal;
}

/** One CSV line of cells, each made safe by `csvCel`, ended with a newline. */
export function csvRegel(cellen: readonly CsvWaarde[], opmaak: CsvOpmaak = CSV_RFC4180): string {
  return cellen.map((c) => csvCel(c, opmaak)).join(opmaak.scheidingsteken) + '\n';
}

/** The first characters OWASP lists for CSV injection: formula starts, and tab and carriage return. */
const FORMULE_BEGIN = /^[=+\-@\t\r]/;

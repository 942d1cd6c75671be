/**
 * A CSV cell that a spreadsheet shows as text and never runs. Excel, LibreOffice and Google Sheets
 * read a cell that starts with `=`, `+`, `-` or `@` as a formula (`=cmd|' /C calc'!A0` starts a
 * program), and a leading tab or carriage return can hide such a start; so such a text gets a
 * leading single quote (OWASP "CSV Injection"). A cell that is neutralised, or holds a quote, a
 * separator or a line break, is put in double quotes with its quotes doubled (RFC 4180), so that a
 * value can neither end its cell nor start a new one. Every CSV file the platform writes for people
 * to open builds its cells here.
 *
 * A number is written as it is: `-3` typed as a number is a value, not a formula, and the check is
 * on the text a value becomes, so only strings (the values that can come from outside) are changed.
 */
export function csvCel(waarde: string | number | null | undefined): string {
  if (waarde === null || waarde === undefined) return '';
  if (typeof waarde === 'number') {
    if (!Number.isFinite(waarde)) throw new Error(`geen eindig getal voor een CSV-cel: ${waarde}`);
    return String(waarde);
  }
  const neutraal = FORMULE_BEGIN.test(waarde) ? `'${waarde}` : waarde;
  return neutraal !== waarde || /[",;\n\r]/.test(neutraal) ? `"${neutraal.replace(/"/g, '""')}"` : neutraal;
}

/** One CSV line of cells, each made safe by `csvCel`, ended with a newline. */
export function csvRegel(cellen: readonly (string | number | null | undefined)[]): string {
  return cellen.map(csvCel).join(',') + '\n';
}

/** The first characters OWASP lists for CSV injection: formula starts, and tab and carriage return. */
const FORMULE_BEGIN = /^[=+\-@\t\r]/;

/**
 * Redaction of personal data in text that reaches logs or dead-letter reasons. Error messages of
 * the database and the domain can quote values (`Key (persoonsnummer)=(123456782) already exists`,
 * `invalid input syntax for type integer: "Jansen"`); a log is read by more people than the data.
 *
 * What is hidden:
 * - every run of exactly 9 digits (persoonsnummer, BSN, onderwijsnummer), also inside a longer word;
 * - the values of PostgreSQL's `(column)=(value)` details;
 * - every single-quoted string, and every double-quoted string that does not name a database
 *   object (`relation "proef.effect"`, `column "x"`, `constraint "y"` stay readable: they hold no data).
 * Names cannot be recognised as such; they only ever reach a message quoted, so quoting is the rule.
 */
export const VERHULD = '<verhuld>';

const OBJECTEN = 'relation|column|constraint|table|schema|index|type|function|database|role|sequence|trigger|view|extension|operator|channel|savepoint|cursor|statement|portal|tablespace|collation|domain|policy|publication|subscription|server|user|migration';

const NEGEN_CIJFERS = /(?<!\d)\d{9}(?!\d)/g;
const DETAIL_WAARDE = /\)=\((?:[^()]|\([^()]*\))*\)/g;
const ENKEL = /'(?:[^'\\]|\\.|'')*'/g;
const DUBBEL = new RegExp(`(\\b(?:${OBJECTEN})\\s+)?"((?:[^"\\\\]|\\\\.)*)"`, 'gi');

export function verhul(tekst: string): string {
  return tekst
    .replace(DETAIL_WAARDE, `)=(${VERHULD})`)
    .replace(ENKEL, `'${VERHULD}'`)
    .replace(DUBBEL, (geheel, object: string | undefined) => (object ? geheel : `"${VERHULD}"`))
    .replace(NEGEN_CIJFERS, VERHULD);
}

/** The same for every string in a log line's fields, nested ones included. */
export function verhulWaarden(waarde: unknown, diepte = 0): unknown {
  if (typeof waarde === 'string') return verhul(waarde);
  if (diepte > 5 || waarde === null || typeof waarde !== 'object') return waarde;
  if (Buffer.isBuffer(waarde)) return `<${waarde.length} bytes>`;
  if (Array.isArray(waarde)) return waarde.map((w) => verhulWaarden(w, diepte + 1));
  if (waarde instanceof Error) return verhul(waarde.message);
  return Object.fromEntries(Object.entries(waarde).map(([k, w]) => [k, verhulWaarden(w, diepte + 1)]));
}

/** One changed field of a basisset: values as JSON text, null when absent. */
export interface Wijziging {
  veld: string;
  oud: string | null;
  nieuw: string | null;
}

/** JSON with object keys in sorted order, so that equal values have equal text wherever they were stored. */
export function canoniekeJson(waarde: unknown): string {
  return JSON.stringify(waarde, (_sleutel, w: unknown) =>
    w !== null && typeof w === 'object' && !Array.isArray(w)
      ? Object.fromEntries(Object.entries(w as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
      : w,
  );
}

const alsTekst = (waarde: unknown): string | null => (waarde === undefined || waarde === null ? null : canoniekeJson(waarde));

/**
 * The fields whose value differs between two versions of a basisset (top-level fields; nested
 * values compare as their JSON text). The first basisset has no wijzigingen.
 */
export function wijzigingenTussen(oud: Record<string, unknown> | null, nieuw: Record<string, unknown>): Wijziging[] {
  if (oud === null) return [];
  const velden = [...new Set([...Object.keys(oud), ...Object.keys(nieuw)])].sort();
  return velden
    .map((veld) => ({ veld, oud: alsTekst(oud[veld]), nieuw: alsTekst(nieuw[veld]) }))
    .filter((w) => w.oud !== w.nieuw);
}

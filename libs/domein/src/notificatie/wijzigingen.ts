/** One changed field of a basisset: values as JSON text, null when absent. */
export interface Wijziging {
  veld: string;
  oud: string | null;
  nieuw: string | null;
}

const alsTekst = (waarde: unknown): string | null => (waarde === undefined || waarde === null ? null : JSON.stringify(waarde));

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

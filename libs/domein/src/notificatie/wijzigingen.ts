/** One changed field of a basisset: values as JSON text, null when absent. */
export interface Wijziging {
  veld: string;
  oud: string | null;
  nieuw: string | null;
}

/** JSON with object keys in sorted order, so that equal values have equal text wherever they were stored. */
export function canoniekeJson(waarde: unknown): string {
  return JSON.stringify(waarde, gesorteerd);
}

/**
 * An object with its keys in sorted order: itself when they already are (no copy: a foto's text
 * has some hundred thousand objects), else a copy. A copy lists integer-like keys first, in
 * numeric order, as any object does; an object whose own order is sorted already lists them so too.
 */
function gesorteerd(_sleutel: string, w: unknown): unknown {
  if (w === null || typeof w !== 'object' || Array.isArray(w)) return w;
  const sleutels = Object.keys(w);
  let i = 1;
  while (i < sleutels.length && sleutels[i - 1] < sleutels[i]) i++;
  if (i >= sleutels.length) return w;
  const kopie: Record<string, unknown> = Object.create(null);
  for (const k of sleutels.sort()) kopie[k] = (w as Record<string, unknown>)[k];
  return kopie;
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

import { berekenBekostiging } from './berekening/bereken';
import { leesBerekeningInvoer, type Invoerfout } from './invoer/lees-invoer';
import type { Berekening } from './model';
import type { Kwalificatietabel } from './referentie/kwalificaties';

export type BerekenResultaat =
  | { readonly ok: true; readonly berekening: Berekening }
  | { readonly ok: false; readonly fouten: readonly Invoerfout[] };

/**
 * Validate untrusted JSON and calculate: what `bron bereken <file.json>` needs (on `ok: false`
 * the CLI prints the fouten and exits with code 2). Never throws for bad input.
 */
export function berekenVanJson(json: unknown, tabel: Kwalificatietabel): BerekenResultaat {
  const gelezen = leesBerekeningInvoer(json);
  if (!gelezen.ok) return gelezen;
  return { ok: true, berekening: berekenBekostiging(gelezen.invoer, tabel) };
}

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { kwalificaties2015, KWALIFICATIES_2015, type Kwalificatietabel } from '@bron/cascade';
import { isGeldigeBrin } from '@bron/domein';

/** The repo's data/ folder (public reference data shipped with the code). */
const DATA = join(__dirname, '..', '..', '..', 'data');

let kwalificaties: Kwalificatietabel | undefined;

/** The default kwalificaties table (D10), read once per process. */
export function laadKwalificaties(): Kwalificatietabel {
  kwalificaties ??= kwalificaties2015(readFileSync(join(DATA, '..', KWALIFICATIES_2015.bestand), 'utf8'));
  return kwalificaties;
}

/**
 * The instellingen that are onboarded: each has its own topics (and, with ACLs, its own
 * principal). `INSTELLINGEN=25LX,26AB` overrides data/instellingen.csv.
 */
export function laadInstellingen(env: NodeJS.ProcessEnv = process.env): string[] {
  const lijst = env.INSTELLINGEN
    ? env.INSTELLINGEN.split(',').map((b) => b.trim())
    : readFileSync(join(DATA, 'instellingen.csv'), 'utf8').split(/\r?\n/).slice(1).map((r) => r.split(',')[0].trim()).filter(Boolean);
  const ongeldig = lijst.filter((b) => !isGeldigeBrin(b));
  if (ongeldig.length > 0) throw new Error(`ongeldige BRIN in de instellingenlijst: ${ongeldig.join(', ')}`);
  return lijst;
}

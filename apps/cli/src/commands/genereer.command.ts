import { resolve } from 'node:path';
import { laadKwalificaties } from '@bron/adapters';
// The generator is developer tooling (bench, tests); the command line is its only other user, and
// takes only the generator, not the rest of devtools (database and Kafka helpers).
// eslint-disable-next-line @nx/enforce-module-boundaries
import { EXTERN_BESTANDEN, SAMENVATTING_BESTAND, STANDAARD_SECTOR, controleerOpties, schrijfSectorNaar, type SectorOpties } from '@bron/devtools/sector';
import { GebruiksFout, leesArgumenten } from '../gebruik';
import type { BronIo } from '../io';

function geheel(waarde: string | undefined, naam: string, standaard: number): number {
  if (waarde === undefined) return standaard;
  if (!/^\d+$/.test(waarde)) throw new GebruiksFout(`--${naam} moet een geheel getal zijn, niet '${waarde}'`);
  return Number(waarde);
}

/**
 * `bron genereer [--studenten N] [--instellingen M] [--jaren J] [--seed S] --uit <map>`: a
 * deterministic synthetic mbo sector (docs/sector.md): per instelling an aanlevering CSV for
 * `bron aanleveren`, the external feeds for `bron extern`, and sector.json with its counts.
 * Exit 0 when written, 2 for bad options.
 */
export async function genereer(args: string[], io: BronIo): Promise<number> {
  const { values, positionals } = leesArgumenten(args, {
    studenten: { type: 'string' }, instellingen: { type: 'string' }, jaren: { type: 'string' }, seed: { type: 'string' }, uit: { type: 'string' },
  });
  if (positionals.length > 0) throw new GebruiksFout(`onverwacht argument ${positionals[0]}`);
  if (!values.uit) throw new GebruiksFout('geef met --uit <map> aan waar de bestanden komen');
  const opties: SectorOpties = {
    studenten: geheel(values.studenten, 'studenten', STANDAARD_SECTOR.studenten),
    instellingen: geheel(values.instellingen, 'instellingen', STANDAARD_SECTOR.instellingen),
    jaren: geheel(values.jaren, 'jaren', STANDAARD_SECTOR.jaren),
    seed: geheel(values.seed, 'seed', STANDAARD_SECTOR.seed),
  };
  try {
    controleerOpties(opties);
  } catch (error) {
    throw new GebruiksFout(`--${(error as Error).message}`);
  }
  const map = resolve(values.uit);
  let s;
  try {
    s = schrijfSectorNaar(map, opties, laadKwalificaties());
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'EACCES' || code === 'ENOTDIR' || code === 'EEXIST' || code === 'EROFS') throw new GebruiksFout(`${values.uit} kan niet worden beschreven (${code})`);
    throw error;
  }
  const records = Object.values(s.records).reduce((a, b) => a + b, 0);
  const feiten = Object.values(s.externeFeiten).reduce((a, b) => a + b, 0);
  io.stdout.write(
    `sector gegenereerd (seed ${opties.seed}): ${opties.studenten} studenten bij ${opties.instellingen} instellingen, studiejaren ${s.studiejaren[0]} tot en met ${s.studiejaren.at(-1)}\n` +
    `  ${records} aanleverrecords (${s.inschrijvingen} inschrijvingen, ${(s.bblAandeel * 100).toFixed(1)} % bbl), ${feiten} externe feiten\n` +
    `  in ${map}: aanlevering-<BRIN>.csv per instelling, ${Object.values(EXTERN_BESTANDEN).join(', ')}, ${SAMENVATTING_BESTAND}\n` +
    `  peildatum waarop alles aangeleverd kan worden: ${s.peildatum} (sector.json)\n`,
  );
  return 0;
}

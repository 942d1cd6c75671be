import { createHash } from 'node:crypto';
import { REGELSETS } from '@bron/cascade';
import { EventTypes, Topics } from '@bron/contracts';
import { nieuwBericht, type JsonLogger, type Outbox } from '@bron/infra';
import type { DataSource } from 'typeorm';

/** Identifies the rule sets this build computes with: any change of a value or source changes it. */
export const REGELSET_VINGERAFDRUK = createHash('sha256').update(JSON.stringify(REGELSETS)).digest('hex').slice(0, 16);

const PER_KEER = 1000;

/**
 * A corrected rule set (a new build with other rule data) must reach every student: at start-up,
 * when the stored fingerprint differs, every dossier gets a recompute request with cause
 * `regelset:<fingerprint>`, in the same transaction that records the new fingerprint.
 */
export async function herberekenBijNieuweRegelset(dataSource: DataSource, outbox: Outbox, logger: JsonLogger): Promise<number> {
  return dataSource.transaction(async (manager) => {
    await manager.query(`LOCK TABLE bekostiging.regelset_versie IN EXCLUSIVE MODE`);
    const [opgeslagen] = await manager.query(`SELECT vingerafdruk FROM bekostiging.regelset_versie WHERE id = 1`);
    if (opgeslagen?.vingerafdruk === REGELSET_VINGERAFDRUK) return 0;
    let aantal = 0;
    for (let na = ''; ; ) {
      const rijen: { persoonsnummer: string }[] = await manager.query(
        `SELECT persoonsnummer FROM bekostiging.studentdossier WHERE persoonsnummer > $1 ORDER BY persoonsnummer LIMIT ${PER_KEER}`,
        [na],
      );
      if (rijen.length === 0) break;
      await outbox.add(manager, rijen.map(({ persoonsnummer }) => nieuwBericht({
        topic: Topics.herberekening, key: persoonsnummer, type: EventTypes.HerberekeningGevraagd,
        value: { persoonsnummer, reden: `regelset ${REGELSET_VINGERAFDRUK}` }, origin: `regelset:${REGELSET_VINGERAFDRUK}`,
      })));
      aantal += rijen.length;
      na = rijen[rijen.length - 1].persoonsnummer;
    }
    await manager.query(
      `INSERT INTO bekostiging.regelset_versie (id, vingerafdruk) VALUES (1, $1) ON CONFLICT (id) DO UPDATE SET vingerafdruk = EXCLUDED.vingerafdruk, sinds = now()`,
      [REGELSET_VINGERAFDRUK],
    );
    if (opgeslagen) logger.event('info', 'nieuwe regelset: alle studenten worden herberekend', { van: opgeslagen.vingerafdruk, naar: REGELSET_VINGERAFDRUK, studenten: aantal });
    return aantal;
  });
}

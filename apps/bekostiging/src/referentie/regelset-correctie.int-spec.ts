import { leegDossier } from '@bron/cascade';
import { EventTypes, Headers, Topics, bronCodec } from '@bron/contracts';
import { JsonLogger, Outbox, TestDatabase, openDatabase } from '@bron/infra';
import type { DataSource } from 'typeorm';
import { BekostigingSchema1764300000001 } from '../migrations/1764300000001-bekostiging-schema';
import { Referentie1764300000004 } from '../migrations/1764300000004-referentie';
import { REGELSET_VINGERAFDRUK, herberekenBijNieuweRegelset } from './regelset-correctie';

/** A corrected rule set reaches every student (issue 3), decided at start-up against the database. */
describe('herberekenBijNieuweRegelset', () => {
  let db: TestDatabase;
  let dataSource: DataSource;
  const outbox = new Outbox('bekostiging', bronCodec);
  const logger = new JsonLogger('bekostiging', 'error');

  beforeAll(async () => {
    db = await TestDatabase.maak();
    dataSource = await openDatabase({ url: db.url, schema: 'bekostiging', migrations: [BekostigingSchema1764300000001, Referentie1764300000004] });
  });

  afterAll(async () => {
    await dataSource?.destroy();
    await db?.verwijder();
  });

  it('records the rule set on a first start and asks nothing', async () => {
    expect(await herberekenBijNieuweRegelset(dataSource, outbox, logger)).toBe(0);
    expect(await db.query(`SELECT vingerafdruk FROM bekostiging.regelset_versie`)).toEqual([{ vingerafdruk: REGELSET_VINGERAFDRUK }]);
  });

  it('asks a recompute of every student, with the rule set as cause, when the rule set changed', async () => {
    for (const p of ['123456782', '111222333']) {
      await db.query(`INSERT INTO bekostiging.studentdossier (persoonsnummer, dossier) VALUES ($1, $2)`, [p, JSON.stringify(leegDossier(p))]);
    }
    await db.query(`UPDATE bekostiging.regelset_versie SET vingerafdruk = 'een-oudere'`);

    expect(await herberekenBijNieuweRegelset(dataSource, outbox, logger)).toBe(2);
    const rijen = await db.query<{ topic: string; message_key: string; event_type: string; headers: Record<string, string>; payload: Buffer }>(`SELECT topic, message_key, event_type, headers, payload FROM bekostiging.outbox ORDER BY message_key`);
    expect(rijen.map((r) => [r.topic, r.message_key, r.event_type, r.headers[Headers.origin]])).toEqual([
      [Topics.herberekening, '111222333', EventTypes.HerberekeningGevraagd, `regelset:${REGELSET_VINGERAFDRUK}`],
      [Topics.herberekening, '123456782', EventTypes.HerberekeningGevraagd, `regelset:${REGELSET_VINGERAFDRUK}`],
    ]);
    expect(bronCodec.decode(rijen[0].payload).value).toEqual({ persoonsnummer: '111222333', reden: `regelset ${REGELSET_VINGERAFDRUK}` });

    // and only once
    expect(await herberekenBijNieuweRegelset(dataSource, outbox, logger)).toBe(0);
  });
});

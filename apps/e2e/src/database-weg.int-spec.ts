import { randomBytes } from 'node:crypto';
import { Client } from 'pg';
import { EventTypes, InstellingTopics } from '@bron/contracts';
import { SERVICES, ServiceSupervisor, Verzamelaar, leverAan, persoonsnummer, prng } from '@bron/devtools';
import { TestDatabase, vanType } from '@bron/infra';

/**
 * The database away for 30 s in the middle of a batch, with the services as processes: every
 * service says it is not ready while it cannot reach its database, recovers by itself when the
 * database is back (no restart: the same processes), and loses nothing.
 */
describe('the database unreachable for 30 s mid-batch: not ready meanwhile, then recovered without a restart', () => {
  const AANTAL = 3000;
  const WEG_MS = 30_000;
  let db: TestDatabase;
  let services: ServiceSupervisor;
  let verzamelaar: Verzamelaar;

  /** Refuses every new connection to the test database and ends the open ones: for the services it is gone. */
  async function zetDatabase(bereikbaar: boolean): Promise<void> {
    const admin = new URL(db.url);
    admin.pathname = '/postgres';
    const client = new Client({ connectionString: admin.toString() });
    await client.connect();
    try {
      await client.query(`ALTER DATABASE "${db.naam}" ALLOW_CONNECTIONS ${bereikbaar ? 'true' : 'false'}`);
      if (!bereikbaar) await client.query(`SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = $1 AND pid <> pg_backend_pid()`, [db.naam]);
    } finally {
      await client.end();
    }
  }

  // A probe that gets no answer in 5 s counts as not ready, as an orchestrator's would.
  const ready = (url: string) => fetch(`${url}/health/ready`, { signal: AbortSignal.timeout(5_000) }).then((r) => r.status, () => 0);

  beforeAll(async () => {
    db = await TestDatabase.maak();
    const env = {
      DATABASE_URL: db.url, BRON_TOPIC_PREFIX: `t${randomBytes(4).toString('hex')}.`, BRON_PEILDATUM: '2016-11-15', INSTELLINGEN: '25LX', LOG_LEVEL: 'error',
      KAFKA_SESSION_TIMEOUT_MS: '6000', KAFKA_HEARTBEAT_INTERVAL_MS: '500',
    };
    services = new ServiceSupervisor({ env });
    await services.start();
    verzamelaar = new Verzamelaar(env);
    await verzamelaar.volg([InstellingTopics.terugkoppeling('25LX'), InstellingTopics.bekostigingsstatus('25LX')]);
  });

  afterAll(async () => {
    await zetDatabase(true).catch(() => undefined);
    await verzamelaar?.sluit();
    await services?.stop();
    await db?.verwijder();
  });

  const antwoorden = () => verzamelaar.berichten.filter(vanType(EventTypes.Terugkoppeling));
  const statussen = () => verzamelaar.berichten.filter(vanType(EventTypes.BasissetBerekend));

  it('answers every record once and computes every basisset, and no service was restarted', async () => {
    const random = prng(9);
    const records = Array.from({ length: AANTAL }, (_, i) => ({
      soort: 'INSCHRIJVING', instelling: '25LX', persoonsnummer: persoonsnummer(random), inschrijving_id: `I-${i}`, crebo: '25078', leerweg: 'BOL', intensiteit: 'VT', begindatum: '2016-08-01',
    }));
    const pids = new Map(services.services.map((s) => [s.naam, s.proces.pid]));
    await leverAan(verzamelaar.platform, '25LX', 'weg', records);
    await verzamelaar.wachtOp('de eerste antwoorden', () => antwoorden().length >= 200 && antwoorden());

    await zetDatabase(false);
    const nietReady = new Set<string>();
    const einde = Date.now() + WEG_MS;
    while (Date.now() < einde) {
      await Promise.all(services.services.map(async (s) => ((await ready(s.url)) !== 200 ? nietReady.add(s.naam) : undefined)));
      await new Promise((r) => setTimeout(r, 1000));
    }
    await zetDatabase(true);
    expect([...nietReady].sort()).toEqual([...SERVICES].sort());

    await verzamelaar.wachtOp('een antwoord op elk record', () => new Set(antwoorden().map((a) => a.value.recordnummer)).size >= AANTAL && antwoorden(), 300_000);
    await verzamelaar.wachtOp('een basisset voor elke inschrijving', () => new Set(statussen().map((s) => s.value.inschrijvingId)).size >= AANTAL && statussen(), 300_000);
    const perRecord = new Map<number, Set<string>>();
    for (const a of antwoorden()) perRecord.set(a.value.recordnummer, (perRecord.get(a.value.recordnummer) ?? new Set()).add(a.metadata.eventId));
    expect({ beantwoord: perRecord.size, dubbel: [...perRecord.values()].filter((ids) => ids.size > 1).length }).toEqual({ beantwoord: AANTAL, dubbel: 0 });

    // Ready again, by themselves: the same processes as before the outage.
    for (const s of services.services) {
      const deadline = Date.now() + 120_000;
      while ((await ready(s.url)) !== 200 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 500));
      expect({ service: s.naam, ready: await ready(s.url), pid: s.proces.pid, exit: s.proces.exitCode }).toEqual({ service: s.naam, ready: 200, pid: pids.get(s.naam), exit: null });
    }
    const [{ n }] = await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM aanlevering.record_antwoord WHERE batch_id = 'weg'`);
    expect(n).toBe(AANTAL);
  }, 600_000);
});

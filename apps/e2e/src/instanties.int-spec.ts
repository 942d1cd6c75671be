import { randomBytes } from 'node:crypto';
import { EventTypes, InstellingTopics } from '@bron/contracts';
import { ServiceSupervisor, Verzamelaar, leverAan, persoonsnummer, prng } from '@bron/devtools';
import { TestDatabase, vanType } from '@bron/infra';

/**
 * Two processes of every service in one consumer group, as a scaled deployment runs them. One of
 * each of the intake and bekostiging is killed mid-batch; the other takes over its partitions:
 * every record is answered once, every inschrijving gets its basisset, and nothing is doubled.
 */
describe('two instances of every service: one is killed mid-batch, the other takes over', () => {
  const AANTAL = 1500;
  let db: TestDatabase;
  let services: ServiceSupervisor;
  let verzamelaar: Verzamelaar;

  function inschrijvingen(instelling: string, seed: number): Record<string, string>[] {
    const random = prng(seed);
    return Array.from({ length: AANTAL }, (_, i) => ({
      soort: 'INSCHRIJVING', instelling, persoonsnummer: persoonsnummer(random), inschrijving_id: `I-${instelling}-${i}`,
      crebo: '25078', leerweg: 'BOL', intensiteit: 'VT', begindatum: '2016-08-01',
    }));
  }

  beforeAll(async () => {
    db = await TestDatabase.maak();
    const env = {
      DATABASE_URL: db.url, BRON_TOPIC_PREFIX: `t${randomBytes(4).toString('hex')}.`, BRON_PEILDATUM: '2016-11-15', INSTELLINGEN: '25LX,26AB', LOG_LEVEL: 'error',
      // A dead member's partitions move to the other instance once its session expires.
      KAFKA_SESSION_TIMEOUT_MS: '6000', KAFKA_HEARTBEAT_INTERVAL_MS: '500',
    };
    services = new ServiceSupervisor({ env, instanties: { aanlevering: 2, bekostiging: 2, foto: 2, notificatie: 2 } });
    await services.start();
    verzamelaar = new Verzamelaar(env);
    await verzamelaar.volg(['25LX', '26AB'].flatMap((brin) => [InstellingTopics.terugkoppeling(brin), InstellingTopics.bekostigingsstatus(brin)]));
  });

  afterAll(async () => {
    await verzamelaar?.sluit();
    await services?.stop();
    await db?.verwijder();
  });

  const antwoorden = (brin: string) => verzamelaar.berichten.filter(vanType(EventTypes.Terugkoppeling)).filter((m) => m.value.instelling === brin);
  const statussen = (brin: string) => verzamelaar.berichten.filter(vanType(EventTypes.BasissetBerekend)).filter((m) => m.topic === InstellingTopics.bekostigingsstatus(brin));

  it('answers every record once and computes every basisset, though an instance of the intake and of bekostiging died', async () => {
    await leverAan(verzamelaar.platform, '25LX', 'b-25LX', inschrijvingen('25LX', 3));
    await leverAan(verzamelaar.platform, '26AB', 'b-26AB', inschrijvingen('26AB', 5));
    await verzamelaar.wachtOp('de eerste antwoorden', () => antwoorden('25LX').length + antwoorden('26AB').length >= 300 && antwoorden('25LX'));
    await services.crash('aanlevering', 0);
    await verzamelaar.wachtOp('de eerste basissets', () => statussen('25LX').length + statussen('26AB').length >= 100 && statussen('25LX'));
    await services.crash('bekostiging', 0);

    for (const brin of ['25LX', '26AB']) {
      await verzamelaar.wachtOp(`een antwoord op elk record van ${brin}`, () => new Set(antwoorden(brin).map((a) => a.value.recordnummer)).size >= AANTAL && antwoorden(brin), 240_000);
      await verzamelaar.wachtOp(`een basisset voor elke inschrijving van ${brin}`, () => new Set(statussen(brin).map((s) => s.value.inschrijvingId)).size >= AANTAL && statussen(brin), 240_000);
    }

    for (const brin of ['25LX', '26AB']) {
      // One answer per record: a redelivered answer is the same event (same id), never a second one.
      const perRecord = new Map<number, Set<string>>();
      for (const a of antwoorden(brin)) perRecord.set(a.value.recordnummer, (perRecord.get(a.value.recordnummer) ?? new Set()).add(a.metadata.eventId));
      expect({ brin, records: perRecord.size, dubbel: [...perRecord.values()].filter((ids) => ids.size > 1).length }).toEqual({ brin, records: AANTAL, dubbel: 0 });
      expect(antwoorden(brin).every((a) => a.value.soort === 'MELDING')).toBe(true);
      // Each inschrijving has its first basisset once: versie 1, never a second, different versie 1.
      const eerste = new Map<string, Set<string>>();
      for (const s of statussen(brin).filter((m) => m.value.versie === 1)) eerste.set(s.value.inschrijvingId, (eerste.get(s.value.inschrijvingId) ?? new Set()).add(s.metadata.eventId));
      expect({ brin, inschrijvingen: eerste.size, dubbel: [...eerste.values()].filter((ids) => ids.size > 1).length }).toEqual({ brin, inschrijvingen: AANTAL, dubbel: 0 });
    }
    const [{ n }] = await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM bekostiging.basisset`);
    expect(n).toBe(2 * AANTAL);
  }, 420_000);
});

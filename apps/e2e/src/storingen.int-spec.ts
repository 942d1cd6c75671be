import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { basissetMapper, laadKwalificaties } from '@bron/adapters';
import { basissetsVanDossier, berekenBekostiging, type Studentdossier } from '@bron/cascade';
import { EventTypes, InstellingTopics, type BasissetBerekend } from '@bron/contracts';
import { canoniekeJson } from '@bron/domein';
import { ServiceSupervisor, eigenBroker, leverAan, persoonsnummer, prng, vrijePoortpaar, type ServiceNaam } from '@bron/devtools';
import { PlatformClient, TestDatabase, wachtTot } from '@bron/infra';

/**
 * The fault suite's main run: a large aanlevering of two instellingen (some students at both, so
 * that the other's inschrijving changes a basisset and a notificatie follows) while services are
 * SIGKILLed at several moments and the broker restarts once. Afterwards every record has exactly
 * one terugkoppeling, no notificatie is duplicated, every accepted inschrijving is in its student's
 * dossier, and every basisset equals what the rules give for that dossier: the outcome of an
 * undisturbed run of the same input.
 *
 * `BRON_STORING_RECORDS` sets the size (default 100,000 records).
 */
describe('faults during a large aanlevering: services killed, the broker restarted, nothing lost or doubled', () => {
  const AANTAL = Number(process.env.BRON_STORING_RECORDS ?? 100_000);
  const PEILDATUM = '2016-11-15';
  const CREBOS = ['25078', '25180', '25189', '25191', '25407'];
  let db: TestDatabase;
  let services: ServiceSupervisor;
  let broker: { brokers: string[]; stop: () => Promise<void> };
  let client: PlatformClient;

  // What arrived, aggregated (a list of 200,000 decoded messages would only cost memory).
  const antwoorden = new Map<string, Map<number, Set<string>>>();
  const notificaties = new Map<string, string>();
  let aantalAntwoorden = 0;

  /** The batch of each instelling: the first 90 % of students at 25LX, every tenth of them also at 26AB on the same teldatum. */
  function invoer(): Map<string, Record<string, string>[]> {
    const random = prng(42);
    const per = new Map<string, Record<string, string>[]>([['25LX', []], ['26AB', []]]);
    const gezien = new Set<string>();
    let i = 0;
    while (per.get('25LX')!.length + per.get('26AB')!.length < AANTAL) {
      const student = persoonsnummer(random);
      // One student once: a second inschrijving of the same student at 25LX would overlap and be refused (A14).
      if (gezien.has(student)) continue;
      gezien.add(student);
      const crebo = CREBOS[Math.floor(random() * CREBOS.length)];
      const begin = random() < 0.5 ? '2015-08-01' : '2016-08-01';
      per.get('25LX')!.push({ soort: 'INSCHRIJVING', instelling: '25LX', persoonsnummer: student, inschrijving_id: `L-${i}`, crebo, leerweg: 'BOL', intensiteit: 'VT', begindatum: begin });
      if (i % 10 === 0 && per.get('25LX')!.length + per.get('26AB')!.length < AANTAL) {
        per.get('26AB')!.push({ soort: 'INSCHRIJVING', instelling: '26AB', persoonsnummer: student, inschrijving_id: `A-${i}`, crebo: CREBOS[(CREBOS.indexOf(crebo) + 1) % CREBOS.length], leerweg: 'BOL', intensiteit: 'VT', begindatum: '2016-08-01' });
      }
      i++;
    }
    return per;
  }

  const beantwoord = (brin: string) => antwoorden.get(brin)?.size ?? 0;

  beforeAll(async () => {
    const poort = await vrijePoortpaar();
    const dataDir = join(__dirname, '..', '..', '..', 'tmp', 'kafka-storingen');
    broker = await eigenBroker({ port: poort, dataDir });
    db = await TestDatabase.maak();
    const env = {
      KAFKA_BROKERS: broker.brokers.join(','), DATABASE_URL: db.url, BRON_TOPIC_PREFIX: `t${randomBytes(4).toString('hex')}.`,
      BRON_PEILDATUM: PEILDATUM, INSTELLINGEN: '25LX,26AB', LOG_LEVEL: 'error', KAFKA_SESSION_TIMEOUT_MS: '6000', KAFKA_HEARTBEAT_INTERVAL_MS: '500',
    };
    services = new ServiceSupervisor({ env });
    await services.start();
    client = new PlatformClient({ ...process.env, ...env });
    await client.volg(['25LX', '26AB'].flatMap((brin) => [InstellingTopics.terugkoppeling(brin), InstellingTopics.notificatie(brin)]), (b) => {
      if (b.type === EventTypes.Terugkoppeling) {
        const perRecord = antwoorden.get(b.value.instelling) ?? new Map<number, Set<string>>();
        antwoorden.set(b.value.instelling, perRecord);
        if (!perRecord.has(b.value.recordnummer)) aantalAntwoorden++;
        perRecord.set(b.value.recordnummer, (perRecord.get(b.value.recordnummer) ?? new Set()).add(b.metadata.eventId));
      } else if (b.type === EventTypes.Notificatie) {
        const inhoud = JSON.stringify(b.value);
        const eerder = notificaties.get(b.value.notificatieId);
        // The same notificatie delivered again must be the same; a different one under its id is a fault.
        if (eerder !== undefined && eerder !== inhoud) throw new Error(`notificatie ${b.value.notificatieId} kwam met andere inhoud`);
        notificaties.set(b.value.notificatieId, inhoud);
      }
    }, true);
  }, 300_000);

  afterAll(async () => {
    await client?.sluit();
    await services?.stop();
    await broker?.stop();
    await db?.verwijder();
  });

  it('answers every record once and computes every basisset as an undisturbed run would', async () => {
    const batches = invoer();
    for (const [brin, records] of batches) await leverAan(client, brin, `storing-${brin}`, records);

    const herstart = async (...namen: ServiceNaam[]) => {
      for (const naam of namen) await services.crash(naam);
      for (const naam of namen) await services.herstart(naam);
    };
    await wachtTot('10 % beantwoord', () => aantalAntwoorden >= AANTAL * 0.1, 900_000, 500);
    await herstart('aanlevering');
    await wachtTot('25 % beantwoord', () => aantalAntwoorden >= AANTAL * 0.25, 900_000, 500);
    await herstart('bekostiging');
    await wachtTot('40 % beantwoord', () => aantalAntwoorden >= AANTAL * 0.4, 900_000, 500);
    // The broker restarts on its own data; every service and this reader must carry on by themselves.
    await broker.stop();
    broker = await eigenBroker({ port: Number(broker.brokers[0].split(':')[1]), dataDir: join(__dirname, '..', '..', '..', 'tmp', 'kafka-storingen'), keepData: true });
    await wachtTot('60 % beantwoord', () => aantalAntwoorden >= AANTAL * 0.6, 900_000, 500);
    await herstart('notificatie', 'foto');

    await wachtTot('elk record beantwoord', () => [...batches].every(([brin, records]) => beantwoord(brin) >= records.length), 900_000, 500);
    const totaal = [...batches.values()].reduce((n, r) => n + r.length, 0);
    await wachtTot('een basisset voor elke inschrijving', async () => {
      const [{ n }] = await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM bekostiging.basisset`);
      return n >= totaal;
    }, 900_000, 500);

    // Exactly one terugkoppeling per record: a redelivered answer is the same event, never a second.
    for (const [brin, records] of batches) {
      const perRecord = antwoorden.get(brin)!;
      expect({ brin, beantwoord: perRecord.size, dubbel: [...perRecord.values()].filter((ids) => ids.size > 1).length }).toEqual({ brin, beantwoord: records.length, dubbel: 0 });
    }

    // Every accepted inschrijving is in its student's dossier, and nothing else is.
    const dossiers = await db.query<{ dossier: Studentdossier }>(`SELECT dossier FROM bekostiging.studentdossier`);
    const inDossiers = new Set(dossiers.flatMap(({ dossier }) => Object.values(dossier.inschrijvingen).map((i) => `${i.instelling}:${i.inschrijvingId}:${i.crebo}:${i.begin}:${dossier.persoonsnummer}`)));
    const ingevoerd = new Set([...batches.values()].flat().map((r) => `${r.instelling}:${r.inschrijving_id}:${r.crebo}:${r.begindatum}:${r.persoonsnummer}`));
    expect({ ontbreekt: [...ingevoerd].filter((s) => !inDossiers.has(s)).slice(0, 5), extra: [...inDossiers].filter((s) => !ingevoerd.has(s)).slice(0, 5) }).toEqual({ ontbreekt: [], extra: [] });

    // Every stored basisset is what the rules give for its dossier: the outcome of an undisturbed run.
    const tabel = laadKwalificaties();
    const opgeslagen = new Map((await db.query<{ basisset: BasissetBerekend }>(`SELECT basisset FROM bekostiging.basisset`)).map(({ basisset }) => [`${basisset.instelling}:${basisset.inschrijvingId}`, basissetMapper.naarDomein(basisset).basisset]));
    const afwijkend: { sleutel: string; verwacht: unknown; opgeslagen: unknown }[] = [];
    for (const { dossier } of dossiers) {
      for (const verwacht of basissetsVanDossier(dossier, PEILDATUM, tabel, berekenBekostiging)) {
        const sleutel = `${verwacht.instelling}:${verwacht.inschrijvingId}`;
        if (canoniekeJson(opgeslagen.get(sleutel)) !== canoniekeJson(verwacht)) afwijkend.push({ sleutel, verwacht, opgeslagen: opgeslagen.get(sleutel) });
      }
    }
    // On a difference, the first one is shown whole.
    expect({ basissets: opgeslagen.size, afwijkend: afwijkend.length, eerste: afwijkend[0] }).toEqual({ basissets: totaal, afwijkend: 0, eerste: undefined });

    // Students at both instellingen: 25LX is told, once per change.
    const [{ n: opgeslagenNotificaties }] = await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM notificatie.notificatie`);
    await wachtTot('elke notificatie op het topic', () => notificaties.size >= opgeslagenNotificaties, 900_000, 500);
    expect(opgeslagenNotificaties).toBeGreaterThan(0);
    expect(notificaties.size).toBe(opgeslagenNotificaties);
  }, 1_500_000);
});

import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { EventTypes, InstellingTopics, Topics } from '@bron/contracts';
import { ServiceSupervisor, Verzamelaar } from '@bron/devtools';
import { TestDatabase, nieuwBericht, vanType } from '@bron/infra';

/**
 * The walking skeleton (issue 2), against the real broker and database with the four services as
 * separate processes: intake -> terugkoppeling -> basisset -> foto -> an external change ->
 * notificatie, and nothing on another instelling's topics.
 */
describe('walking skeleton: one inschrijving from aanlevering to notificatie', () => {
  const STUDENT = '123456782';
  let db: TestDatabase;
  let services: ServiceSupervisor;
  let verzamelaar: Verzamelaar;
  const logs: string[] = [];
  let env: NodeJS.ProcessEnv;
  let sleutel: string;

  beforeAll(async () => {
    db = await TestDatabase.maak();
    env = {
      DATABASE_URL: db.url,
      BRON_TOPIC_PREFIX: `t${randomBytes(4).toString('hex')}.`,
      BRON_PEILDATUM: '2016-11-15',
      INSTELLINGEN: '25LX,26AB',
      LOG_LEVEL: 'warn',
      KAFKA_SESSION_TIMEOUT_MS: '6000',
      KAFKA_HEARTBEAT_INTERVAL_MS: '500',
    };
    const gemaakt = spawnSync(process.execPath, [join(__dirname, '..', '..', '..', 'tools', 'api-sleutel.js'), 'maak', '25LX'], { env: { ...process.env, ...env }, encoding: 'utf8' });
    expect(gemaakt.status).toBe(0);
    sleutel = gemaakt.stdout.trim();
    services = new ServiceSupervisor({ env, log: (s, r) => logs.push(`${s}: ${r}`) });
    await services.start();
    verzamelaar = new Verzamelaar(env);
    await verzamelaar.volg(['25LX', '26AB'].flatMap(InstellingTopics.alle));
  });

  afterAll(async () => {
    await verzamelaar?.sluit();
    await services?.stop();
    await db?.verwijder();
    if (process.env.E2E_LOGS) console.log(logs.join("\n"));
  });

  it('answers, computes, photographs and notifies the right instelling only', async () => {
    const batchId = 'skelet-1';
    const origin = `aanlevering:25LX:${batchId}`;
    const intake = InstellingTopics.aanlevering('25LX');
    await verzamelaar.platform.send([
      nieuwBericht({
        topic: intake, key: batchId, type: EventTypes.AanleverRecord, origin,
        value: {
          batchId, recordnummer: 1, regel: 2, leesfout: null,
          velden: { soort: 'INSCHRIJVING', mutatie: 'T', instelling: '25LX', persoonsnummer: STUDENT, inschrijving_id: 'INS-1', crebo: '25078', leerweg: 'BOL', intensiteit: 'VT', begindatum: '2016-08-01' },
        },
      }),
      nieuwBericht({ topic: intake, key: batchId, type: EventTypes.AanleverBatchAfgesloten, origin, value: { batchId, aantalRecords: 1, bestandsnaam: null } }),
    ]);

    // aanlevering answers at once on the instelling's own topic
    const [antwoord] = await verzamelaar.wachtOp('terugkoppeling', (b) => b.filter(vanType(EventTypes.Terugkoppeling)));
    expect(antwoord.topic).toBe(InstellingTopics.terugkoppeling('25LX'));
    expect(antwoord.value).toMatchObject({ batchId, recordnummer: 1, soort: 'MELDING', persoonsnummer: STUDENT, codes: [{ code: 'M00' }] });
    expect(antwoord.metadata.origin).toBe('aanlevering:eigen');
    const [samenvatting] = await verzamelaar.wachtOp('batchsamenvatting', (b) => b.filter(vanType(EventTypes.AanleverBatchVerwerkt)));
    expect(samenvatting.value).toMatchObject({ aantalRecords: 1, meldingen: 1, signalen: 0, afkeuringen: 0 });

    // bekostiging publishes the status right after the inschrijving: first verblijfsjaar, cascade regime
    const [status] = await verzamelaar.wachtOp('bekostigingsstatus', (b) => b.filter(vanType(EventTypes.BasissetBerekend)).filter((m) => m.topic === InstellingTopics.bekostigingsstatus('25LX')));
    expect(status.value).toMatchObject({
      persoonsnummer: STUDENT, instelling: '25LX', inschrijvingId: 'INS-1', teldatum: '2016-10-01', bekostigingsjaar: 2018, regime: 'cascade2015', prognose: false,
      basisset: { bekostigd: true, verblijfsjaar: 1, verblijfsjaarfactor: 1.2, leerwegfactor: 1, prijsfactor: 1.3 },
      oorzaak: { soort: 'AANLEVERING', instelling: '25LX' },
    });
    expect(status.metadata.causationId).not.toBeNull();
    expect(status.metadata.correlationId).toBe(antwoord.metadata.correlationId);

    // foto on request: announced on the instelling's topic, its content fetched over HTTP with the instelling's key
    const aanvraagId = `foto-${randomBytes(3).toString('hex')}`;
    await verzamelaar.platform.send([nieuwBericht({ topic: Topics.fotoAanvraag, key: '25LX', type: EventTypes.FotoAangevraagd, value: { aanvraagId, instelling: '25LX', soort: 'OP_VERZOEK', peildatum: '2016-10-01', bekendOp: null }, origin: 'aanvraag:25LX' })]);
    const [foto] = await verzamelaar.wachtOp('foto', (b) => b.filter(vanType(EventTypes.FotoGemaakt)));
    expect(foto.topic).toBe(InstellingTopics.foto('25LX'));
    expect(foto.value).toMatchObject({ aanvraagId, instelling: '25LX', soort: 'OP_VERZOEK', status: 'O', peildatum: '2016-10-01', aantalInschrijvingen: 1, aantalBekostigd: 1, sectorTotaalInschrijvingen: 1 });
    const inhoud = await fetch(`${services.service('foto').url}${foto.value.ophalen.pad}?formaat=json`, { headers: { Authorization: `Bearer ${sleutel}` } });
    expect(inhoud.status).toBe(200);
    const fotoJson = (await inhoud.json()) as { checksum: string; studenten: Record<string, unknown>[]; terugmeldingsoverzicht: { bek: Record<string, unknown>[] } };
    expect(fotoJson.checksum).toBe(foto.value.checksum);
    // the planner is part of the foto service's readiness
    const gereed = (await (await fetch(`${services.service('foto').url}/health/ready`)).json()) as { details: Record<string, { status: string }> };
    expect(gereed.details.fotoplanning).toMatchObject({ status: 'up', opeenvolgendeFouten: 0 });
    expect(fotoJson.studenten).toEqual([expect.objectContaining({ persoonsnummer: STUDENT, crebo: '25078', leerweg: 'BOL', niveau: 3, basisset: expect.objectContaining({ bekostigd: true, verblijfsjaar: 1 }) })]);
    expect(fotoJson.terugmeldingsoverzicht.bek).toEqual([expect.objectContaining({ crebo: '25078', niveau: 3, verblijfsjaar: 1, inschrijvingenEenOktober: 1, bekostigdEenOktober: 1 })]);

    // an external change: the BRP says this adult had no lawful residence when the programme started
    await verzamelaar.platform.send([nieuwBericht({
      topic: Topics.persoon, key: STUDENT, type: EventTypes.PersoonGewijzigd, origin: 'extern:BRP',
      value: { persoonsnummer: STUDENT, bron: 'BRP', geboortedatum: '1990-03-01', nationaliteit: 'SY', officieleVoornamen: 'Amal', verblijfsstatus: [{ vanaf: '2017-01-01', tot: null, rechtmatig: true }] },
    })]);
    const [notificatie] = await verzamelaar.wachtOp('notificatie', (b) => b.filter(vanType(EventTypes.Notificatie)));
    expect(notificatie.topic).toBe(InstellingTopics.notificatie('25LX'));
    expect(notificatie.value).toMatchObject({ instelling: '25LX', persoonsnummer: STUDENT, inschrijvingId: 'INS-1', oorzaak: { soort: 'EXTERN', bron: 'BRP' } });
    expect(notificatie.value.wijzigingen).toEqual(expect.arrayContaining([{ veld: 'bekostigd', oud: 'true', nieuw: 'false' }]));
    expect(notificatie.metadata.origin).toBe('extern:BRP');

    // nothing at all for the other instelling
    expect(verzamelaar.berichten.filter((m) => m.topic.startsWith('instelling.26AB.'))).toEqual([]);

    // what an instelling sees with `bron volg`: its own events as JSON lines
    const volg = spawnSync(process.execPath, [join(__dirname, '..', '..', 'cli', 'bin', 'bron.js'), 'volg', '25LX', '--vanaf-begin', '--max', '4', '--timeout', '30'], { env: { ...process.env, ...env }, encoding: 'utf8', timeout: 60_000 });
    expect(volg.status).toBe(0);
    const regels = volg.stdout.trim().split('\n').map((r) => JSON.parse(r));
    expect(regels).toHaveLength(4);
    for (const regel of regels) {
      expect(regel).toMatchObject({ topic: expect.stringMatching(/^instelling\.25LX\./), eventId: expect.any(String), origin: expect.any(String), value: expect.any(Object) });
      expect(['Terugkoppeling', 'AanleverBatchVerwerkt', 'BasissetBerekend', 'Notificatie', 'FotoGemaakt']).toContain(regel.type);
    }
  });
});

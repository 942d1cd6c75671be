import { randomBytes } from 'node:crypto';
import { EventTypes, InstellingTopics, Topics } from '@bron/contracts';
import { ServiceSupervisor, Verzamelaar, leverAan, persoonsnummer, prng } from '@bron/devtools';
import { TestDatabase, nieuwBericht, vanType, wachtTot, type Ontvangen } from '@bron/infra';

/**
 * Issue 9, notificatie completed (D8): every instelling with a running inschrijving or an
 * unexpired aanmelding of the student is told, on its own topic, exactly once per cause, never of
 * its own aanlevering; for each cause of a change, and after the notificatie service was killed
 * in the middle of a stream of changes.
 *
 * What counts is what the notificatie service stored (its audit table, written in the transaction
 * that records the handled message) and what arrived on each instelling's topic: a cause is judged
 * once its BasissetsGewijzigd on the internal topic is in the service's inbox.
 */
describe('notificaties: who is told of what, once per cause', () => {
  const INSTELLINGEN = ['25LX', '26AB', '27XY', '28CD'];
  /** An instelling no student of this test has anything to do with: its topic stays empty. */
  const BUITENSTAANDER = '28CD';
  const random = prng(9);
  const student = () => persoonsnummer(random);
  let db: TestDatabase;
  let services: ServiceSupervisor;
  let verzamelaar: Verzamelaar;

  beforeAll(async () => {
    db = await TestDatabase.maak();
    const env = {
      DATABASE_URL: db.url, BRON_TOPIC_PREFIX: `t${randomBytes(4).toString('hex')}.`, BRON_PEILDATUM: '2016-11-15', INSTELLINGEN: INSTELLINGEN.join(','), LOG_LEVEL: 'warn',
      // small chunks, so that a stream of changes is still being handled when the service is killed
      BRON_BATCH_SIZE: '10', KAFKA_SESSION_TIMEOUT_MS: '6000', KAFKA_HEARTBEAT_INTERVAL_MS: '500',
    };
    // a busy machine can take a while to start four services
    services = new ServiceSupervisor({ env, readyTimeoutMs: 300_000 });
    await services.start();
    verzamelaar = new Verzamelaar(env);
    await verzamelaar.volg([...INSTELLINGEN.map(InstellingTopics.notificatie), Topics.basisset, Topics.basissetwijziging]);
  }, 300_000);

  afterAll(async () => {
    await verzamelaar?.sluit();
    await services?.stop();
    await db?.verwijder();
  });

  const notificatiesVan = (pn: string) => verzamelaar.berichten.filter(vanType(EventTypes.Notificatie)).filter((m) => m.value.persoonsnummer === pn);
  const wijzigingen = () => verzamelaar.berichten.filter(vanType(EventTypes.BasissetsGewijzigd));
  const beoordeeld = new Set<string>();

  /** Waits until the basisset of this inschrijving reached the internal topic (at least this versie). */
  const basisset = (pn: string, instelling: string, id: string, versie = 1) =>
    verzamelaar.wachtOp(`basisset ${instelling}:${id} versie ${versie}`, (b) =>
      b.filter(vanType(EventTypes.BasissetBerekend)).filter((m) => m.value.persoonsnummer === pn && m.value.instelling === instelling && m.value.inschrijvingId === id && m.value.versie >= versie));

  const aangemeld = (pn: string) => wachtTot('de aanmelding in het dossier', async () => {
    const [rij] = await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM bekostiging.studentdossier, jsonb_object_keys(dossier->'aanmeldingen') WHERE persoonsnummer = $1`, [pn]);
    return rij.n > 0;
  }, 60_000, 100);

  /**
   * Waits until the change this cause made for the student is on the internal topic and the
   * notificatie service has handled it; returns which instellingen it named.
   */
  async function beoordeeldeWijziging(pn: string, soort: string): Promise<string[]> {
    const [w] = await verzamelaar.wachtOp(`de wijziging van ${soort} voor de student`, () =>
      wijzigingen().filter((m) => m.value.persoonsnummer === pn && m.value.oorzaak.soort === soort && !beoordeeld.has(m.metadata.eventId)));
    beoordeeld.add(w.metadata.eventId);
    await wachtTot('de wijziging verwerkt door de notificatieservice', async () =>
      (await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM notificatie.inbox WHERE event_id = $1`, [w.metadata.eventId]))[0].n > 0, 60_000, 100);
    return w.value.instellingen.map((i) => i.instelling);
  }

  /** What the notificatie service stored for the student, and what arrived on the topics, per (instelling, soort of cause); each notificatie once. */
  async function verstuurd(pn: string): Promise<{ opgeslagen: string[]; ontvangen: string[] }> {
    const rijen = await db.query<{ instelling: string; oorzaak_soort: string }>(`SELECT instelling, oorzaak_soort FROM notificatie.notificatie WHERE persoonsnummer = $1`, [pn]);
    await wachtTot('elke opgeslagen notificatie op het topic', () => new Set(notificatiesVan(pn).map((m) => m.value.notificatieId)).size >= rijen.length, 60_000, 50);
    const perId = new Map<string, Ontvangen>();
    for (const m of notificatiesVan(pn)) {
      // the same notificatie delivered again (a relay that re-sent) is the same message
      const eerder = perId.get(m.value.notificatieId);
      if (eerder) expect(m.value).toEqual(eerder.value);
      perId.set(m.value.notificatieId, m);
      expect(m.value.instelling).toBe(InstellingTopics.brinVan(m.topic));
    }
    const sleutel = (instelling: string, soort: string) => `${instelling}:${soort}`;
    return {
      opgeslagen: rijen.map((r) => sleutel(r.instelling, r.oorzaak_soort)).sort(),
      ontvangen: [...perId.values()].flatMap((m) => (m.type === EventTypes.Notificatie ? [sleutel(InstellingTopics.brinVan(m.topic) ?? '?', m.value.oorzaak.soort)] : [])).sort(),
    };
  }

  const verwacht = (...sleutels: string[]) => ({ opgeslagen: sleutels.sort(), ontvangen: [...sleutels].sort() });
  const inschrijving = (instelling: string, pn: string, id: string, crebo: string, begindatum: string, einddatum?: string) => ({
    soort: 'INSCHRIJVING', instelling, persoonsnummer: pn, inschrijving_id: id, crebo, leerweg: 'BOL', begindatum, ...(einddatum ? { einddatum } : {}),
  });

  it("tells the running inschrijving's instelling of another instelling's inschrijving, not the one that delivered it", async () => {
    const pn = student();
    await leverAan(verzamelaar.platform, '25LX', 'a1', [inschrijving('25LX', pn, 'A-L1', '25078', '2016-08-01')]);
    await basisset(pn, '25LX', 'A-L1');
    await leverAan(verzamelaar.platform, '26AB', 'a2', [inschrijving('26AB', pn, 'A-X1', '25407', '2014-08-01', '2016-06-30')]);
    expect(await beoordeeldeWijziging(pn, 'AANLEVERING')).toEqual(['25LX']);
    expect(await verstuurd(pn)).toEqual(verwacht('25LX:AANLEVERING'));
    const [n] = notificatiesVan(pn);
    expect(n.value).toMatchObject({ inschrijvingId: 'A-L1', oorzaak: { omschrijving: 'Een aanlevering van een andere instelling voor deze student.' } });
    expect(n.value.wijzigingen).toEqual(expect.arrayContaining([{ veld: 'verblijfsjaar', oud: '1', nieuw: '3' }]));
  });

  it("does not tell an instelling of its own aanlevering, though it changed its running inschrijving's basisset", async () => {
    const pn = student();
    await leverAan(verzamelaar.platform, '25LX', 'e1', [inschrijving('25LX', pn, 'B-L1', '25078', '2016-08-01')]);
    await basisset(pn, '25LX', 'B-L1');
    // a second programme with a higher prijsfactor: on one teldatum only one is bekostigd, so L1 changes
    await leverAan(verzamelaar.platform, '25LX', 'e2', [inschrijving('25LX', pn, 'B-L2', '25099', '2016-09-01')]);
    expect(await beoordeeldeWijziging(pn, 'AANLEVERING')).toEqual(['25LX']);
    expect(await verstuurd(pn)).toEqual(verwacht());
  });

  it("tells the inschrijving holder and the aanmelding holder of another instelling's diploma, each once", async () => {
    const pn = student();
    await leverAan(verzamelaar.platform, '25LX', 'd1', [inschrijving('25LX', pn, 'C-L1', '25104', '2016-08-01')]);
    await basisset(pn, '25LX', 'C-L1');
    // 27XY has only an aanmelding for next year
    await leverAan(verzamelaar.platform, '27XY', 'd2', [{ soort: 'AANMELDING', instelling: '27XY', persoonsnummer: pn, inschrijving_id: 'C-M1', crebo: '25104', begindatum: '2017-08-01' }]);
    await aangemeld(pn);
    await leverAan(verzamelaar.platform, '26AB', 'd3', [inschrijving('26AB', pn, 'C-X1', '25180', '2014-08-01', '2016-06-30')]);
    expect(await beoordeeldeWijziging(pn, 'AANLEVERING')).toEqual(['25LX', '27XY']);
    await basisset(pn, '26AB', 'C-X1');
    await leverAan(verzamelaar.platform, '26AB', 'd4', [{ soort: 'DIPLOMA', instelling: '26AB', persoonsnummer: pn, inschrijving_id: 'C-X1', diploma_datum: '2016-06-30' }]);
    expect(await beoordeeldeWijziging(pn, 'AANLEVERING')).toEqual(['25LX', '27XY']);

    expect(await verstuurd(pn)).toEqual(verwacht('25LX:AANLEVERING', '25LX:AANLEVERING', '27XY:AANLEVERING', '27XY:AANLEVERING'));
    const naDiploma = notificatiesVan(pn).filter((m) => m.value.wijzigingen.some((w) => w.veld === 'bekostigdeDiplomas'));
    expect(naDiploma.map((m) => [InstellingTopics.brinVan(m.topic), m.value.inschrijvingId, m.value.onderdelen.map((o) => `${o.soort}:${o.id}`)]).sort()).toEqual([
      ['25LX', 'C-L1', ['INSCHRIJVING:C-L1']],
      ['27XY', '', ['AANMELDING:C-M1']],
    ]);
    const bijAanmelding = naDiploma.find((m) => m.topic === InstellingTopics.notificatie('27XY'))!;
    expect(bijAanmelding.value.tekst).toContain('basisset bij aanmelding C-M1');
    expect(JSON.stringify(bijAanmelding.value)).not.toContain('26AB');
  });

  it('tells of a verblijfsstatus change (BRP) once, naming both running inschrijvingen at the instelling', async () => {
    const pn = student();
    await leverAan(verzamelaar.platform, '25LX', 'b1', [inschrijving('25LX', pn, 'D-L1', '25078', '2016-08-01'), inschrijving('25LX', pn, 'D-L2', '25099', '2016-09-01')]);
    await basisset(pn, '25LX', 'D-L1');
    await basisset(pn, '25LX', 'D-L2');
    await verzamelaar.platform.send([nieuwBericht({
      topic: Topics.persoon, key: pn, type: EventTypes.PersoonGewijzigd, origin: 'extern:BRP',
      value: { persoonsnummer: pn, bron: 'BRP', geboortedatum: '1990-03-01', nationaliteit: 'SY', officieleVoornamen: null, verblijfsstatus: [{ vanaf: '2017-01-01', tot: null, rechtmatig: true }] },
    })]);
    expect(await beoordeeldeWijziging(pn, 'EXTERN')).toEqual(['25LX']);
    expect(await verstuurd(pn)).toEqual(verwacht('25LX:EXTERN'));
    const [n] = notificatiesVan(pn);
    expect(n.value.onderdelen.map((o) => o.id)).toEqual(['D-L1', 'D-L2']);
    expect(n.value.oorzaak).toEqual({ soort: 'EXTERN', omschrijving: 'Een wijziging in een externe registratie (BRP).', bron: 'BRP' });
  });

  it('tells of a vooropleiding registered by a VO school', async () => {
    const pn = student();
    await leverAan(verzamelaar.platform, '25LX', 'v1', [inschrijving('25LX', pn, 'E-L1', '25078', '2016-08-01')]);
    await basisset(pn, '25LX', 'E-L1');
    await verzamelaar.platform.send([nieuwBericht({
      topic: Topics.vooropleiding, key: pn, type: EventTypes.VooropleidingGeregistreerd, origin: 'extern:VO',
      value: { persoonsnummer: pn, bron: 'VO', soort: 'VMBO_TL', diploma: true, datum: '2014-07-01' },
    })]);
    expect(await beoordeeldeWijziging(pn, 'EXTERN')).toEqual(['25LX']);
    expect(await verstuurd(pn)).toEqual(verwacht('25LX:EXTERN'));
    expect(notificatiesVan(pn)[0].value).toMatchObject({ oorzaak: { bron: 'VO' }, wijzigingen: [expect.objectContaining({ veld: 'hoogsteVooropleiding', oud: null })] });
  });

  it('tells of a prijsfactor change of the crebo', async () => {
    const pn = student();
    // 25191 is this student's crebo only in this test, so that the change reaches no other student
    await leverAan(verzamelaar.platform, '25LX', 'p1', [inschrijving('25LX', pn, 'F-L1', '25191', '2016-08-01')]);
    await basisset(pn, '25LX', 'F-L1');
    await verzamelaar.platform.send([nieuwBericht({ topic: Topics.kwalificatie, key: '25191', type: EventTypes.PrijsfactorGewijzigd, origin: 'referentie:OCW', value: { crebo: '25191', bron: 'OCW', vanaf: '2016-08-01', prijsfactor: 1.6 } })]);
    expect(await beoordeeldeWijziging(pn, 'REFERENTIE')).toEqual(['25LX']);
    expect(await verstuurd(pn)).toEqual(verwacht('25LX:REFERENTIE'));
    expect(notificatiesVan(pn)[0].value.wijzigingen).toEqual(expect.arrayContaining([{ veld: 'prijsfactor', oud: '1.1', nieuw: '1.6' }]));
  });

  it('tells of a rule-set correction (the stored basisset computed by an earlier build with other rule data)', async () => {
    const pn = student();
    await leverAan(verzamelaar.platform, '25LX', 'r1', [inschrijving('25LX', pn, 'G-L1', '25078', '2016-08-01')]);
    await basisset(pn, '25LX', 'G-L1');
    // As if an earlier build had computed this basisset with another prijsfactor, and recorded its own rule set.
    await db.query(`UPDATE bekostiging.basisset SET basisset = jsonb_set(basisset, '{basisset,prijsfactor}', '1.0'::jsonb) WHERE persoonsnummer = $1`, [pn]);
    await db.query(`UPDATE bekostiging.regelset_versie SET vingerafdruk = 'een-oudere'`);
    await services.crash('bekostiging');
    await services.herstart('bekostiging');
    expect(await beoordeeldeWijziging(pn, 'REGELSET')).toEqual(['25LX']);
    expect(await verstuurd(pn)).toEqual(verwacht('25LX:REGELSET'));
    expect(notificatiesVan(pn)[0].value.wijzigingen).toEqual([{ veld: 'prijsfactor', oud: '1', nieuw: '1.3' }]);
  });

  it('sends nothing to an uninvolved instelling, and every stored notificatie reached its topic once', async () => {
    expect(verzamelaar.berichten.filter((m) => m.topic === InstellingTopics.notificatie(BUITENSTAANDER))).toEqual([]);
    const rijen = await db.query<{ instelling: string; n: number }>(`SELECT instelling, count(*)::int AS n FROM notificatie.notificatie GROUP BY instelling ORDER BY instelling`);
    expect(rijen.map((r) => r.instelling)).not.toContain(BUITENSTAANDER);
    const ids = new Set(verzamelaar.berichten.filter(vanType(EventTypes.Notificatie)).map((m) => m.value.notificatieId));
    expect(ids.size).toBe(rijen.reduce((n, r) => n + r.n, 0));
  });

  it('gives no duplicate when the notificatie service is killed while it handles a stream of changes', async () => {
    const AANTAL = 60;
    const studenten = Array.from({ length: AANTAL }, student);
    await leverAan(verzamelaar.platform, '25LX', 's1', studenten.map((pn, i) => inschrijving('25LX', pn, `S${i}`, '25078', '2016-08-01')));
    await leverAan(verzamelaar.platform, '27XY', 's2', studenten.map((pn, i) => ({ soort: 'AANMELDING', instelling: '27XY', persoonsnummer: pn, inschrijving_id: `M${i}`, crebo: '25104', begindatum: '2017-08-01' })));
    await wachtTot('elke student ingeschreven en aangemeld', async () => {
      const [{ n }] = await db.query<{ n: number }>(
        `SELECT count(*)::int AS n FROM bekostiging.studentdossier WHERE persoonsnummer = ANY($1) AND dossier->'aanmeldingen' <> '{}'::jsonb AND dossier->'inschrijvingen' <> '{}'::jsonb`, [studenten]);
      return n === AANTAL;
    }, 180_000, 250);

    // one cause per student (26AB's earlier years of it), each for 25LX (inschrijving) and 27XY (aanmelding)
    const inStroom = () => verzamelaar.berichten.filter(vanType(EventTypes.Notificatie)).filter((m) => studenten.includes(m.value.persoonsnummer));
    await leverAan(verzamelaar.platform, '26AB', 's3', studenten.map((pn, i) => inschrijving('26AB', pn, `E${i}`, '25407', '2014-08-01', '2016-06-30')));
    await wachtTot('de eerste notificaties van de stroom', () => inStroom().length >= 6, 180_000, 20);
    await services.crash('notificatie');
    const bijCrash = new Set(inStroom().map((m) => m.value.notificatieId)).size;
    await services.herstart('notificatie');

    await wachtTot('een notificatie voor elke student bij 25LX en 27XY', () => new Set(inStroom().map((m) => m.value.notificatieId)).size >= 2 * AANTAL, 300_000, 100);
    // the kill fell in the middle of the stream
    expect(bijCrash).toBeLessThan(2 * AANTAL);

    // per cause (the student) and recipient: one notificatie id, and one stored notificatie
    const idsPer = new Map<string, Set<string>>();
    for (const m of inStroom()) {
      const sleutel = `${m.value.persoonsnummer}:${InstellingTopics.brinVan(m.topic)}`;
      idsPer.set(sleutel, (idsPer.get(sleutel) ?? new Set()).add(m.value.notificatieId));
    }
    expect(idsPer.size).toBe(2 * AANTAL);
    expect([...idsPer].filter(([, ids]) => ids.size !== 1)).toEqual([]);
    expect(new Set([...idsPer.keys()].map((s) => s.split(':')[1]))).toEqual(new Set(['25LX', '27XY']));
    const opgeslagen = await db.query<{ persoonsnummer: string; instelling: string; n: number }>(
      `SELECT persoonsnummer, instelling, count(*)::int AS n FROM notificatie.notificatie WHERE persoonsnummer = ANY($1) GROUP BY 1, 2`, [studenten]);
    expect({ paren: opgeslagen.length, dubbel: opgeslagen.filter((r) => r.n !== 1).length }).toEqual({ paren: 2 * AANTAL, dubbel: 0 });
    // a message the relay re-sent carries the same id and the same content
    const perId = new Map<string, string>();
    for (const m of inStroom()) {
      const inhoud = JSON.stringify(m.value);
      expect(perId.get(m.value.notificatieId) ?? inhoud).toBe(inhoud);
      perId.set(m.value.notificatieId, inhoud);
    }
    expect(verzamelaar.berichten.filter((m) => m.topic === InstellingTopics.notificatie('26AB') && studenten.some((pn) => JSON.stringify(m.value).includes(pn)))).toEqual([]);
    // the id of a notificatie names no other instelling nor its records
    expect([...perId.keys()].filter((id) => id.includes('26AB'))).toEqual([]);
  }, 600_000);
});

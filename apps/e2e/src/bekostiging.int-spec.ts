import { randomBytes } from 'node:crypto';
import { EventTypes, InstellingTopics, Topics } from '@bron/contracts';
import { ServiceSupervisor, Verzamelaar, leverAan } from '@bron/devtools';
import { TestDatabase, nieuwBericht, vanType, type Ontvangen } from '@bron/infra';

/**
 * Issue 3: the basisset is recomputed whenever anything in a student's history changes, also
 * inputs the instelling did not send, and each new status names its cause.
 */
describe('bekostiging recomputes on every change, with its cause', () => {
  const STUDENT = '111222333';
  let db: TestDatabase;
  let services: ServiceSupervisor;
  let verzamelaar: Verzamelaar;

  beforeAll(async () => {
    db = await TestDatabase.maak();
    const env = { DATABASE_URL: db.url, BRON_TOPIC_PREFIX: `t${randomBytes(4).toString('hex')}.`, BRON_PEILDATUM: '2016-11-15', INSTELLINGEN: '25LX,26AB', LOG_LEVEL: 'warn' };
    services = new ServiceSupervisor({ env });
    await services.start();
    verzamelaar = new Verzamelaar(env);
    await verzamelaar.volg(['25LX', '26AB'].flatMap((b) => [InstellingTopics.bekostigingsstatus(b), InstellingTopics.notificatie(b)]));
  });

  afterAll(async () => {
    await verzamelaar?.sluit();
    await services?.stop();
    await db?.verwijder();
  });

  const status25LX = (b: Ontvangen[]) => b.filter(vanType(EventTypes.BasissetBerekend)).filter((m) => m.topic === InstellingTopics.bekostigingsstatus('25LX'));
  const nieuweStatus = (omschrijving: string, versie: number) =>
    verzamelaar.wachtOp(omschrijving, (b) => status25LX(b).filter((m) => m.value.versie === versie)).then(([m]) => m.value);

  it("follows the student through another instelling's inschrijving, a prijsfactor change and a vooropleiding", async () => {
    await leverAan(verzamelaar.platform, '25LX', 'b1', [
      { soort: 'INSCHRIJVING', instelling: '25LX', persoonsnummer: STUDENT, inschrijving_id: 'L1', crebo: '25078', leerweg: 'BOL', begindatum: '2016-08-01' },
    ]);
    const eerste = await nieuweStatus('eerste status', 1);
    expect(eerste).toMatchObject({ basisset: { verblijfsjaar: 1, verblijfsjarenNiveau2tot4: 1, verblijfsjaarfactor: 1.2, prijsfactor: 1.3, bijdrage: 1.56 }, oorzaak: { soort: 'AANLEVERING', instelling: '25LX' }, wijzigingen: [] });

    // another instelling delivers two earlier years of the same student (D4: counted nationally)
    await leverAan(verzamelaar.platform, '26AB', 'b2', [
      { soort: 'INSCHRIJVING', instelling: '26AB', persoonsnummer: STUDENT, inschrijving_id: 'A1', crebo: '25407', leerweg: 'BOL', begindatum: '2014-08-01', einddatum: '2016-06-30' },
    ]);
    const tweede = await nieuweStatus('status na de inschrijving bij 26AB', 2);
    expect(tweede.basisset).toMatchObject({ verblijfsjaar: 3, verblijfsjarenNiveau2tot4: 3, verblijfsjaarfactor: 1, bijdrage: 1.3 });
    expect(tweede.oorzaak).toMatchObject({ soort: 'AANLEVERING', instelling: null });
    expect(tweede.wijzigingen).toEqual(expect.arrayContaining([{ veld: 'verblijfsjaar', oud: '1', nieuw: '3' }, { veld: 'verblijfsjaarfactor', oud: '1.2', nieuw: '1' }]));

    // a prijsfactor change of the crebo (not sent by any instelling)
    await verzamelaar.platform.send([nieuwBericht({ topic: Topics.kwalificatie, key: '25078', type: EventTypes.PrijsfactorGewijzigd, origin: 'referentie:OCW', value: { crebo: '25078', bron: 'OCW', vanaf: '2016-08-01', prijsfactor: 1.8 } })]);
    const derde = await nieuweStatus('status na de prijsfactorwijziging', 3);
    expect(derde.basisset).toMatchObject({ prijsfactor: 1.8, bijdrage: 1.8 });
    expect(derde.oorzaak).toMatchObject({ soort: 'REFERENTIE', bron: 'OCW' });

    // a vooropleiding registered by a VO school
    await verzamelaar.platform.send([nieuwBericht({ topic: Topics.vooropleiding, key: STUDENT, type: EventTypes.VooropleidingGeregistreerd, origin: 'extern:VO', value: { persoonsnummer: STUDENT, bron: 'VO', soort: 'VMBO_TL', diploma: true, datum: '2014-07-01' } })]);
    const vierde = await nieuweStatus('status na de vooropleiding', 4);
    expect(vierde.basisset.hoogsteVooropleiding).toEqual({ code: 'VMBO_TL', overgangsbewijs: false });
    expect(vierde.oorzaak).toMatchObject({ soort: 'EXTERN', bron: 'VO' });

    // 25LX is told of each of these three, as notificaties; 26AB is told only of what it did not cause
    const notificaties = await verzamelaar.wachtOp('drie notificaties voor 25LX', (b) => {
      const n = b.filter(vanType(EventTypes.Notificatie)).filter((m) => m.topic === InstellingTopics.notificatie('25LX'));
      return n.length >= 3 && n;
    });
    expect(notificaties.map((n) => n.value.oorzaak.soort)).toEqual(['AANLEVERING', 'REFERENTIE', 'EXTERN']);
    const voor26AB = verzamelaar.berichten.filter((m) => m.topic.startsWith('instelling.26AB.'));
    expect(voor26AB.every((m) => 'instelling' in m.value && m.value.instelling === '26AB')).toBe(true);
    expect(voor26AB.filter((m) => m.metadata.eventType === EventTypes.BasissetBerekend)).not.toHaveLength(0);
  });
});

import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { EventTypes, InstellingTopics, Topics } from '@bron/contracts';
import { ServiceSupervisor, Verzamelaar, leverAan, draaiBron } from '@bron/devtools';
import { TestDatabase, vanType, wachtTot } from '@bron/infra';

/**
 * Issue 9: external feeds are validated like aanleveringen. `bron extern` gets an answer per fact
 * from the platform (extern.public.antwoord.v1), names each refused fact and exits 0 only when all
 * were accepted; a merely invalid fact is an answer, never a dead letter.
 */
describe('bron extern: an answer per fact, and the exit code says whether all were accepted', () => {
  const STUDENT = '111222333';
  let db: TestDatabase;
  let services: ServiceSupervisor;
  let verzamelaar: Verzamelaar;
  let env: NodeJS.ProcessEnv;
  let map: string;

  beforeAll(async () => {
    map = mkdtempSync(join(tmpdir(), 'bron-extern-'));
    db = await TestDatabase.maak();
    env = { DATABASE_URL: db.url, BRON_TOPIC_PREFIX: `t${randomBytes(4).toString('hex')}.`, BRON_PEILDATUM: '2016-11-15', INSTELLINGEN: '25LX', LOG_LEVEL: 'warn' };
    services = new ServiceSupervisor({ env });
    await services.start();
    verzamelaar = new Verzamelaar(env);
    await verzamelaar.volg([InstellingTopics.bekostigingsstatus('25LX'), Topics.externAntwoord]);
  });

  afterAll(async () => {
    await verzamelaar?.sluit();
    await services?.stop();
    await db?.verwijder();
    rmSync(map, { recursive: true, force: true });
  });

  const feitenbestand = (naam: string, feiten: object[]) => {
    const bestand = join(map, naam);
    writeFileSync(bestand, feiten.map((f) => JSON.stringify(f)).join('\n') + '\n');
    return bestand;
  };

  /** Handled messages of the external topics in a service's inbox, and how many of them were dead-lettered. */
  const inbox = async (schema: string) => {
    const [rij] = await db.query<{ aantal: string; dood: string }>(`SELECT count(*) AS aantal, count(*) FILTER (WHERE dead_lettered) AS dood FROM "${schema}".inbox WHERE topic LIKE '%extern.public.%'`);
    return { aantal: Number(rij.aantal), dood: Number(rij.dood) };
  };

  it('refuses a bad fact with its code and reason (exit 1, nothing dead-lettered) and accepts the OVERGANG_HAVO_3_4 the schema documents (exit 0)', async () => {
    await leverAan(verzamelaar.platform, '25LX', 'b1', [
      { soort: 'INSCHRIJVING', instelling: '25LX', persoonsnummer: STUDENT, inschrijving_id: 'L1', crebo: '25078', leerweg: 'BOL', begindatum: '2016-08-01' },
    ]);
    await verzamelaar.wachtOp('eerste status', (b) => b.filter(vanType(EventTypes.BasissetBerekend)));

    const fout = feitenbestand('fout.jsonl', [
      { type: 'VooropleidingGeregistreerd', persoonsnummer: STUDENT, bron: 'VO', soort: 'LYCEUM', diploma: true, datum: '2015-07-01' },
      { type: 'PersoonGewijzigd', persoonsnummer: STUDENT, bron: 'BRP', geboortedatum: '2000-01-31', nationaliteit: 'NL', officieleVoornamen: null, verblijfsstatus: [{ vanaf: '2016-01-01', tot: '2015-01-01', rechtmatig: true }] },
    ]);
    const geweigerd = await draaiBron(['extern', fout], env);
    expect(geweigerd.code).toBe(1);
    expect(geweigerd.uitvoer).toMatch(/regel 1: VooropleidingGeregistreerd geweigerd: X02 vooropleiding LYCEUM onbekend/);
    expect(geweigerd.uitvoer).toMatch(/regel 2: PersoonGewijzigd geweigerd: X04 /);
    expect(geweigerd.uitvoer).toContain('2 externe feiten verzonden: 0 aanvaard, 2 geweigerd');

    // Both services that read the external topics have handled both facts, and dead-lettered neither.
    await wachtTot('beide feiten verwerkt door aanlevering en bekostiging', async () => (await inbox('aanlevering')).aantal >= 2 && (await inbox('bekostiging')).aantal >= 2, 60_000);
    expect(await inbox('aanlevering')).toEqual({ aantal: 2, dood: 0 });
    expect(await inbox('bekostiging')).toEqual({ aantal: 2, dood: 0 });
    for (const topic of [Topics.vooropleiding, Topics.persoon]) {
      const dlq = await draaiBron(['dlq', 'toon', topic, '--json'], env);
      expect({ topic, code: dlq.code, regels: dlq.uitvoer.trim() }).toEqual({ topic, code: 0, regels: '' });
    }

    const goed = feitenbestand('goed.jsonl', [
      { type: 'VooropleidingGeregistreerd', persoonsnummer: STUDENT, bron: 'VO', soort: 'OVERGANG_HAVO_3_4', diploma: false, datum: '2016-07-01' },
      { type: 'PersoonGewijzigd', persoonsnummer: STUDENT, bron: 'BRP', geboortedatum: '2000-01-31', nationaliteit: 'NL', officieleVoornamen: 'Jan', verblijfsstatus: [] },
      { type: 'VooropleidingGeregistreerd', persoonsnummer: '123456782', bron: 'VO', soort: 'VMBO_TL', diploma: true, datum: '2016-07-01' },
      { type: 'PrijsfactorGewijzigd', crebo: '25078', bron: 'OCW', vanaf: '2016-08-01', prijsfactor: 1.3 },
    ]);
    const aanvaard = await draaiBron(['extern', goed], env);
    expect(aanvaard).toEqual({ code: 0, uitvoer: '4 externe feiten verzonden: 4 aanvaard, 0 geweigerd\n' });

    // The overgangsbewijs havo 3-4 reached the student's basisset.
    const [status] = await verzamelaar.wachtOp('status met het overgangsbewijs', (b) =>
      b.filter(vanType(EventTypes.BasissetBerekend)).filter((m) => m.value.basisset.hoogsteVooropleiding?.code === 'HAVO'));
    expect(status.value.basisset.hoogsteVooropleiding).toEqual({ code: 'HAVO', overgangsbewijs: true });
    expect(status.value.oorzaak).toMatchObject({ soort: 'EXTERN', bron: 'VO' });
    const antwoorden = verzamelaar.berichten.filter(vanType(EventTypes.ExternAntwoord));
    expect(antwoorden.map((a) => a.value.uitkomst).sort()).toEqual(['AANVAARD', 'AANVAARD', 'AANVAARD', 'AANVAARD', 'GEWEIGERD', 'GEWEIGERD']);
  });
});

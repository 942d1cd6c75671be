import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { EventTypes, Topics } from '@bron/contracts';
import { ServiceSupervisor, Verzamelaar } from '@bron/devtools';
import { TestDatabase, nieuwBericht, wachtTot } from '@bron/infra';

const ROOT = join(__dirname, '..', '..', '..');
const AANGEMELD = '123456782';
const STUDENT_26AB = '111222333';
const ONBEKEND = '999996356';
const MIDDENKADER = '25104';

/**
 * Issue 9, HTTP isolation: the basisset at aanmelding over HTTP against the real broker and
 * database, the services as processes. An aanmelding delivered through the HTTP intake makes its
 * instelling one that may see the basisset before any inschrijving; another instelling's student
 * and an unknown person are refused alike; every query is audited; bron basisset and bron audit.
 */
describe('basisset at aanmelding over HTTP: authenticated, isolated, audited', () => {
  let db: TestDatabase;
  let services: ServiceSupervisor;
  let verzamelaar: Verzamelaar;
  let env: NodeJS.ProcessEnv;
  let bekostiging: string;
  let aanlevering: string;
  const sleutel: Record<string, string> = {};

  beforeAll(async () => {
    db = await TestDatabase.maak();
    env = { DATABASE_URL: db.url, BRON_TOPIC_PREFIX: `t${randomBytes(4).toString('hex')}.`, BRON_PEILDATUM: '2016-11-15', INSTELLINGEN: '25LX,26AB', LOG_LEVEL: 'warn' };
    // The operator makes the keys before any service ran; one key works for every service.
    for (const brin of ['25LX', '26AB']) {
      const { code, uitvoer } = await proces([join(ROOT, 'tools', 'api-sleutel.js'), 'maak', brin], env, true);
      expect(code).toBe(0);
      sleutel[brin] = uitvoer.trim();
    }
    services = new ServiceSupervisor({ env });
    await services.start();
    bekostiging = services.service('bekostiging').url;
    aanlevering = services.service('aanlevering').url;
    verzamelaar = new Verzamelaar(env);
  }, 180_000);

  afterAll(async () => {
    await verzamelaar?.sluit();
    await services?.stop();
    await db?.verwijder();
  });

  const auth = (brin: string) => ({ Authorization: `Bearer ${sleutel[brin]}` });
  async function vraag(brin: string, persoonsnummer: string, headers: Record<string, string>, crebo?: string): Promise<{ status: number; body: Record<string, unknown> }> {
    const antwoord = await fetch(`${bekostiging}/instellingen/${brin}/studenten/${persoonsnummer}/basisset${crebo ? `?crebo=${crebo}` : ''}`, { headers });
    return { status: antwoord.status, body: (await antwoord.json()) as Record<string, unknown> };
  }
  async function leverAanOverHttp(brin: string, csv: string): Promise<void> {
    const antwoord = await fetch(`${aanlevering}/aanleveringen`, { method: 'POST', body: csv, headers: { ...auth(brin), 'Content-Type': 'text/csv' } });
    expect(antwoord.status).toBe(202);
  }
  const audit = async (filter = ''): Promise<Record<string, unknown>[]> =>
    db.query(`SELECT instelling, gevraagde_instelling, persoonsnummer, crebo, uitkomst, http_status, reden FROM toegang.raadpleging ${filter} ORDER BY id`);

  it('answers the basisset of an aanmelding delivered through the intake, before any inschrijving', async () => {
    await verzamelaar.platform.send([nieuwBericht({
      topic: Topics.persoon, key: AANGEMELD, type: EventTypes.PersoonGewijzigd, origin: 'extern:BRP',
      value: { persoonsnummer: AANGEMELD, bron: 'BRP', geboortedatum: '2000-03-01', nationaliteit: 'NL', officieleVoornamen: 'Anna Maria', verblijfsstatus: [] },
    })]);
    // Nothing known yet: refused, like anybody else's student.
    expect((await vraag('25LX', AANGEMELD, auth('25LX'), MIDDENKADER)).status).toBe(403);
    await leverAanOverHttp('25LX', `soort,instelling,persoonsnummer,inschrijving_id,crebo,begindatum\nAANMELDING,25LX,${AANGEMELD},AM-1,${MIDDENKADER},2017-08-01\n`);

    const antwoord = await wachtTot('de basisset bij aanmelding', async () => {
      const a = await vraag('25LX', AANGEMELD, auth('25LX'), MIDDENKADER);
      return a.status === 200 && a.body.officieleVoornamen !== null && a;
    });
    expect(antwoord.body).toEqual({
      instelling: '25LX', toegang: 'AANMELDING', peildatum: '2016-11-15', persoonsnummer: AANGEMELD,
      teldatum: '2017-10-01', bekostigingsjaar: 2019, regime: 'cascade2015', prognose: true,
      hoogsteVooropleiding: null, verblijfsjarenEntree: 0, verblijfsjarenNiveau2tot4: 0, bekostigdeDiplomas: [],
      verblijfsstatus: { nationaliteit: 'NL', perioden: [], rechtmatigOpTeldatum: true }, officieleVoornamen: 'Anna Maria',
      beoogd: { crebo: MIDDENKADER, bekend: true, niveau: 4, teller: 'niveau2tot4', prijsfactor: 1.3, verblijfsjaar: 1, verblijfsjaarfactor: 1.2, diplomawaarde: 5 },
    });
    expect(await audit(`WHERE persoonsnummer = '${AANGEMELD}' AND uitkomst = 'BEANTWOORD'`)).toContainEqual(
      { instelling: '25LX', gevraagde_instelling: '25LX', persoonsnummer: AANGEMELD, crebo: MIDDENKADER, uitkomst: 'BEANTWOORD', http_status: 200, reden: 'AANMELDING' },
    );
  });

  it("refuses A asking B's student and a person nobody knows with the same 403, and audits both", async () => {
    await leverAanOverHttp('26AB', `soort,instelling,persoonsnummer,inschrijving_id,crebo,leerweg,intensiteit,begindatum\nINSCHRIJVING,26AB,${STUDENT_26AB},I-1,25078,BOL,VT,2016-08-01\n`);
    await wachtTot("26AB's own student", async () => (await vraag('26AB', STUDENT_26AB, auth('26AB'))).status === 200);

    const andermans = await vraag('25LX', STUDENT_26AB, auth('25LX'));
    const onbekend = await vraag('25LX', ONBEKEND, auth('25LX'));
    expect(andermans).toEqual({ status: 403, body: { fout: expect.stringContaining('geen inschrijving of lopende aanmelding') } });
    expect(onbekend).toEqual(andermans);
    // The BRIN in the path is not the key's instelling: refused, whatever the person.
    expect(await vraag('26AB', STUDENT_26AB, auth('25LX'))).toEqual({ status: 403, body: { fout: 'de API-sleutel is van instelling 25LX, niet van 26AB' } });

    expect(await audit(`WHERE uitkomst = 'GEWEIGERD'`)).toEqual(expect.arrayContaining([
      { instelling: '25LX', gevraagde_instelling: '25LX', persoonsnummer: STUDENT_26AB, crebo: null, uitkomst: 'GEWEIGERD', http_status: 403, reden: 'GEEN_INSCHRIJVING_OF_AANMELDING' },
      { instelling: '25LX', gevraagde_instelling: '25LX', persoonsnummer: ONBEKEND, crebo: null, uitkomst: 'GEWEIGERD', http_status: 403, reden: 'GEEN_INSCHRIJVING_OF_AANMELDING' },
      { instelling: '25LX', gevraagde_instelling: '26AB', persoonsnummer: STUDENT_26AB, crebo: null, uitkomst: 'GEWEIGERD', http_status: 403, reden: 'BRIN_IS_NIET_DE_GEAUTHENTICEERDE_INSTELLING' },
    ]));
  });

  it('refuses a missing, wrong or malformed key with 401 and a bad request with 400, each audited', async () => {
    const nep = `bron_25LX_${'A'.repeat(43)}`;
    for (const headers of [{}, { Authorization: `Bearer ${nep}` }, { 'X-API-Key': 'geheim' }] as Record<string, string>[]) {
      expect(await vraag('25LX', AANGEMELD, headers)).toEqual({ status: 401, body: { fout: expect.any(String) } });
    }
    expect(await vraag('25LX', '123456789', auth('25LX'))).toEqual({ status: 400, body: { fout: 'het persoonsnummer moet 9 cijfers zijn en aan de 11-proef voldoen' } });
    expect(await vraag('25LX', AANGEMELD, auth('25LX'), '2510')).toEqual({ status: 400, body: { fout: "crebo moet 5 cijfers zijn, niet '2510'" } });
    expect(await vraag('25lx', AANGEMELD, auth('25LX'))).toMatchObject({ status: 400 });

    const onbekend = await audit(`WHERE uitkomst = 'NIET_GEAUTHENTICEERD'`);
    expect(onbekend).toHaveLength(3);
    expect(onbekend.every((r) => r.instelling === 'onbekend' && r.persoonsnummer === AANGEMELD && r.http_status === 401)).toBe(true);
    expect(await audit(`WHERE uitkomst = 'ONGELDIG'`)).toEqual([
      expect.objectContaining({ instelling: '25LX', persoonsnummer: '123456789', reden: 'PERSOONSNUMMER_ONGELDIG' }),
      expect.objectContaining({ instelling: '25LX', crebo: '2510', reden: 'CREBO_ONGELDIG' }),
      expect.objectContaining({ instelling: '25LX', gevraagde_instelling: '25lx', reden: 'BRIN_ONGELDIG' }),
    ]);
  });

  it('keeps the audit append-only in the database', async () => {
    await expect(db.query(`UPDATE toegang.raadpleging SET reden = 'anders'`)).rejects.toThrow(/append-only/);
    await expect(db.query(`DELETE FROM toegang.raadpleging`)).rejects.toThrow(/append-only/);
    await expect(db.query(`TRUNCATE toegang.raadpleging`)).rejects.toThrow(/append-only/);
  });

  it('bron basisset prints the answer, and exits 3 when refused', async () => {
    const cliEnv = { ...env, BRON_API_SLEUTEL: sleutel['25LX'], BRON_BEKOSTIGING_URL: bekostiging };
    const leesbaar = await bron(['basisset', '25LX', AANGEMELD, '--crebo', MIDDENKADER], cliEnv);
    expect(leesbaar.code).toBe(0);
    expect(leesbaar.uitvoer).toContain(`basisset van ${AANGEMELD} voor 25LX (toegang: aanmelding), peildatum 2016-11-15`);
    expect(leesbaar.uitvoer).toContain('officiële voornamen    Anna Maria');
    expect(leesbaar.uitvoer).toMatch(/beoogde opleiding +25104 \(niveau 4, niveau 2-4\)\n +prijsfactor 1\.3, verblijfsjaar 1, verblijfsjaarfactor 1\.2, diplomawaarde 5/);

    const json = await bron(['basisset', '25LX', AANGEMELD, '--json'], cliEnv);
    expect(json.code).toBe(0);
    expect(JSON.parse(json.uitvoer)).toMatchObject({ persoonsnummer: AANGEMELD, toegang: 'AANMELDING', beoogd: null });

    const geweigerd = await bron(['basisset', '25LX', STUDENT_26AB], cliEnv);
    expect(geweigerd).toEqual({ code: 3, uitvoer: expect.stringContaining('403') });
    expect((await bron(['basisset', '25LX', AANGEMELD], { ...cliEnv, BRON_API_SLEUTEL: 'fout' })).code).toBe(3);
    expect((await bron(['basisset', '25LX', AANGEMELD], { ...cliEnv, BRON_BEKOSTIGING_URL: 'http://127.0.0.1:9' })).code).toBe(1);
  });

  it('bron audit shows the entries, filtered by instelling, persoonsnummer and moment', async () => {
    const alles = await bron(['audit', '--persoonsnummer', STUDENT_26AB, '--json'], env, true);
    expect(alles.code).toBe(0);
    const regels = alles.uitvoer.trim().split('\n').map((r) => JSON.parse(r) as Record<string, unknown>);
    expect(regels.map((r) => [r.instelling, r.uitkomst, r.reden])).toEqual(expect.arrayContaining([
      ['26AB', 'BEANTWOORD', 'INSCHRIJVING'],
      ['25LX', 'GEWEIGERD', 'GEEN_INSCHRIJVING_OF_AANMELDING'],
    ]));
    expect(regels.every((r) => r.persoonsnummer === STUDENT_26AB)).toBe(true);

    const tabel = await bron(['audit', '--instelling', 'onbekend'], env, true);
    expect(tabel.code).toBe(0);
    const rijen = tabel.uitvoer.trim().split('\n');
    expect(rijen[0]).toBe('tijdstip\tservice\tinstelling\tgevraagd\tpersoonsnummer\tcrebo\tuitkomst\tstatus\treden');
    expect(rijen.slice(1).every((r) => r.split('\t')[2] === 'onbekend' && r.split('\t')[7] === '401')).toBe(true);
    expect(rijen.length).toBeGreaterThan(1);

    expect((await bron(['audit', '--sinds', '2999-01-01T00:00:00Z'], env, true)).uitvoer.trim().split('\n')).toHaveLength(1);
    expect((await bron(['audit', '--sinds', 'gisteren'], env)).code).toBe(2);
  });

  it('serves an OpenAPI document of every HTTP endpoint with its error shapes, in every service', async () => {
    const document = async (url: string) => (await (await fetch(`${url}/openapi.json`)).json()) as { paths: Record<string, Record<string, { responses: Record<string, unknown> }>>; components: { schemas: Record<string, unknown> } };
    const bek = await document(bekostiging);
    const basisset = bek.paths['/instellingen/{brin}/studenten/{persoonsnummer}/basisset'].get;
    expect(Object.keys(basisset.responses).sort()).toEqual(['200', '400', '401', '403', '500']);
    expect(basisset.responses['403']).toMatchObject({ content: { 'application/json': { schema: { $ref: '#/components/schemas/FoutAntwoord' } } } });
    expect(bek.components.schemas).toHaveProperty('FoutAntwoord');
    expect(bek.components.schemas).toHaveProperty('BasissetAntwoord');
    expect(Object.keys(bek.paths['/health/ready'].get.responses)).toEqual(expect.arrayContaining(['200', '503']));

    const aan = await document(aanlevering);
    expect(Object.keys(aan.paths['/aanleveringen'].post.responses)).toEqual(expect.arrayContaining(['202', '400', '401', '403', '415', '503']));
    expect(Object.keys(aan.paths['/aanleveringen/{batchId}'].get.responses)).toEqual(expect.arrayContaining(['200', '400', '401', '404']));
    for (const naam of ['foto', 'notificatie'] as const) {
      expect(Object.keys((await document(services.service(naam).url)).paths)).toEqual(expect.arrayContaining(['/health/live', '/health/ready']));
    }
    expect((await fetch(`${bekostiging}/docs`)).status).toBe(200);
  });
});

/** Runs a node script (the CLI by default) with the environment; `alleenStdout` keeps stderr out of `uitvoer`. */
function proces(args: string[], env: NodeJS.ProcessEnv, alleenStdout = false): Promise<{ code: number | null; uitvoer: string }> {
  return new Promise((resolve) => {
    const p = spawn(process.execPath, args, { cwd: ROOT, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let uitvoer = '';
    p.stdout.on('data', (d: Buffer) => (uitvoer += d.toString()));
    if (!alleenStdout) p.stderr.on('data', (d: Buffer) => (uitvoer += d.toString()));
    p.on('exit', (code) => resolve({ code, uitvoer }));
  });
}

const bron = (args: string[], env: NodeJS.ProcessEnv, alleenStdout = false) => proces([join(ROOT, 'apps', 'cli', 'bin', 'bron.js'), ...args], env, alleenStdout);

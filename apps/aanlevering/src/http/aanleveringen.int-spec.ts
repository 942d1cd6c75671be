import { randomBytes } from 'node:crypto';
import type { INestApplication } from '@nestjs/common';
import { EventTypes, InstellingTopics, type AanleverBatchAfgesloten, type AanleverRecord } from '@bron/contracts';
import { KafkaClient, PlatformClient, TestDatabase, apiSleutelTool, nieuwBericht, startService } from '@bron/infra';
import { AanleveringModule } from '../app.module';
import type { BatchStatus } from './batch.repository';

/** The JSON of GET /aanleveringen/:batchId: the repository's status with links instead of `volgende`. */
type BatchAntwoord = Omit<BatchStatus, 'volgende'> & { links: { self: string; volgende?: string } };

interface PostAntwoord {
  batchId: string;
  instelling: string;
  aantalRecords: number;
  status: string;
  links: { self: string };
}

async function json<T = { fout: string }>(antwoord: Response): Promise<T> {
  return (await antwoord.json()) as T;
}

const KOPPEN = 'soort,mutatie,instelling,persoonsnummer,inschrijving_id,crebo,leerweg,intensiteit,begindatum';
const inschrijving = (brin: string, persoonsnummer: string, id: string) => ({
  soort: 'INSCHRIJVING', mutatie: 'T', instelling: brin, persoonsnummer, inschrijving_id: id, crebo: '25078', leerweg: 'BOL', intensiteit: 'VT', begindatum: '2016-08-01',
});

/**
 * The HTTP entry of the intake (issue 4) against the real broker and database: the service runs
 * in this process, keys are made with the operator tool's code, and every call is a real request.
 */
describe('HTTP intake: POST and GET /aanleveringen', () => {
  let db: TestDatabase;
  let app: INestApplication;
  let basis: string;
  let kafka: KafkaClient;
  let env: NodeJS.ProcessEnv;
  const sleutel: Record<string, string> = {};

  beforeAll(async () => {
    db = await TestDatabase.maak();
    env = {
      DATABASE_URL: db.url,
      BRON_TOPIC_PREFIX: `t${randomBytes(4).toString('hex')}.`,
      KAFKA_BROKERS: process.env.KAFKA_BROKERS,
      INSTELLINGEN: '25LX,26AB',
      LOG_LEVEL: 'warn',
      BRON_PEILDATUM: '2016-11-15',
    };
    // Before the service ever ran: the tool migrates the schema itself.
    for (const brin of ['25LX', '26AB', '27XY']) sleutel[brin] = (await tool(['maak', brin, '--omschrijving', 'int-spec'])).stdout.trim();
    app = await startService(AanleveringModule.register(env), { port: 0 });
    basis = await app.getUrl();
    kafka = new KafkaClient('aanleveringen-int-spec', (env.KAFKA_BROKERS ?? '').split(','), env.BRON_TOPIC_PREFIX ?? '');
  }, 120_000);

  afterAll(async () => {
    await kafka?.disconnect();
    await app?.close();
    await db?.verwijder();
  });

  async function tool(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
    let stdout = '';
    let stderr = '';
    const code = await apiSleutelTool(args, { DATABASE_URL: db.url }, { stdout: (t) => { stdout += t; }, stderr: (t) => { stderr += t; } });
    return { code, stdout, stderr };
  }

  const auth = (brin: string) => ({ Authorization: `Bearer ${sleutel[brin]}` });

  function post(pad: string, body: string | ReadableStream<Uint8Array>, headers: Record<string, string>): Promise<Response> {
    return fetch(`${basis}${pad}`, { method: 'POST', body, headers, duplex: 'half' } as RequestInit);
  }

  async function get(pad: string, headers: Record<string, string>): Promise<{ status: number; body: BatchAntwoord & { fout?: string } }> {
    const antwoord = await fetch(`${basis}${pad}`, { headers });
    return { status: antwoord.status, body: await json<BatchAntwoord & { fout?: string }>(antwoord) };
  }

  /** Polls the batch until the condition holds (the intake answers asynchronously). */
  async function wachtOp(brin: string, batchId: string, conditie: (b: BatchAntwoord) => boolean, pad = `/aanleveringen/${batchId}`): Promise<BatchAntwoord> {
    const tot = Date.now() + 45_000;
    for (;;) {
      const { status, body } = await get(pad, auth(brin));
      if (status === 200 && conditie(body)) return body;
      if (Date.now() > tot) throw new Error(`batch ${batchId} niet zo geworden; laatste antwoord ${status} ${JSON.stringify(body).slice(0, 500)}`);
      await new Promise((r) => setTimeout(r, 100));
    }
  }
  const verwerkt = (b: BatchAntwoord) => b.status === 'VERWERKT';

  async function eindeIntake(brin: string): Promise<number> {
    const offsets = await kafka.endOffsets(InstellingTopics.aanlevering(brin));
    return offsets.reduce((som, o) => som + Number(o.offset), 0);
  }

  it('accepts a CSV file (BOM, CRLF, a quoted comma), answers every record and shows the answers', async () => {
    const csv = `\uFEFF${KOPPEN}\r\n` +
      'INSCHRIJVING,T,25LX,123456782,"INS-1, locatie Noord",25078,BOL,VT,2016-08-01\r\n' +
      'INSCHRIJVING,T,25LX,111222333,INS-2,25078,BOL,VT,2016-08-01\r\n' +
      'INSCHRIJVING,T,25LX,123456789,INS-3,25078,BOL,VT,2016-08-01\r\n';
    const antwoord = await post('/aanleveringen?bestandsnaam=inschrijvingen.csv', csv, { ...auth('25LX'), 'Content-Type': 'text/csv; charset=utf-8' });
    expect(antwoord.status).toBe(202);
    const body = await json<PostAntwoord>(antwoord);
    expect(body).toEqual({ batchId: expect.stringMatching(/^[0-9a-f-]{36}$/), instelling: '25LX', aantalRecords: 3, status: 'IN_BEHANDELING', links: { self: `/aanleveringen/${body.batchId}` } });
    expect(antwoord.headers.get('location')).toBe(`/aanleveringen/${body.batchId}`);

    const batch = await wachtOp('25LX', body.batchId, verwerkt);
    expect(batch).toMatchObject({ batchId: body.batchId, instelling: '25LX', aantalGemeld: 3, beantwoord: 3, meldingen: 2, signalen: 0, afkeuringen: 1 });
    expect(batch.terugkoppeling.map((t) => [t.recordnummer, t.regel, t.persoonsnummer, t.inschrijvingId, t.soort, t.codes.map((c) => c.code)])).toEqual([
      [1, 2, '123456782', 'INS-1, locatie Noord', 'MELDING', ['M00']],
      [2, 3, '111222333', 'INS-2', 'MELDING', ['M00']],
      [3, 4, '123456789', 'INS-3', 'AFKEURING', ['A01']],
    ]);
    expect(batch.links).toEqual({ self: `/aanleveringen/${body.batchId}` });
  });

  it('refuses a request without a known, valid key (401) and a key of an instelling that is not aangesloten (403)', async () => {
    const csv = `${KOPPEN}\nINSCHRIJVING,T,25LX,123456782,INS-9,25078,BOL,VT,2016-08-01\n`;
    const voor = await eindeIntake('25LX');
    const ingetrokken = (await tool(['maak', '25LX'])).stdout.trim();
    const [{ id }] = await db.query<{ id: string }>(`SELECT id FROM toegang.api_sleutel ORDER BY id DESC LIMIT 1`);
    expect((await tool(['intrekken', id])).code).toBe(0);

    const nepSleutel = `bron_25LX_${randomBytes(32).toString('base64url')}`;
    const zonderGeldigeSleutel: Record<string, string>[] = [{}, { Authorization: `Bearer ${nepSleutel}` }, { 'X-API-Key': 'geheim' }, { Authorization: `Bearer ${ingetrokken}` }, { Authorization: `Basic ${sleutel['25LX']}` }];
    for (const headers of zonderGeldigeSleutel) {
      const antwoord = await post('/aanleveringen', csv, { ...headers, 'Content-Type': 'text/csv' });
      expect(antwoord.status).toBe(401);
      expect(antwoord.headers.get('www-authenticate')).toBe('Bearer');
      expect(await antwoord.json()).toEqual({ fout: expect.any(String) });
    }
    expect((await get('/aanleveringen/iets', { 'X-API-Key': nepSleutel })).status).toBe(401);

    const nietAangesloten = await post('/aanleveringen', csv, { Authorization: `Bearer ${sleutel['27XY']}`, 'Content-Type': 'text/csv' });
    expect(nietAangesloten.status).toBe(403);
    expect(await nietAangesloten.json()).toEqual({ fout: 'instelling 27XY is niet aangesloten op de aanlevering' });
    expect(await eindeIntake('25LX')).toBe(voor);
  });

  it("never shows one instelling's batch to another (404, as for an unknown batch)", async () => {
    const batchId = `van-25lx-${randomBytes(3).toString('hex')}`;
    const csv = `${KOPPEN}\nINSCHRIJVING,T,25LX,123456789,INS-X,25078,BOL,VT,2016-08-01\n`;
    expect((await post(`/aanleveringen?batchId=${batchId}`, csv, { ...auth('25LX'), 'Content-Type': 'text/csv' })).status).toBe(202);
    await wachtOp('25LX', batchId, verwerkt);

    const andere = await get(`/aanleveringen/${batchId}`, { 'X-API-Key': sleutel['26AB'] });
    const onbekend = await get('/aanleveringen/bestaat-niet', { 'X-API-Key': sleutel['26AB'] });
    expect(andere.status).toBe(404);
    expect(onbekend.status).toBe(404);
    expect(andere.body).toEqual({ fout: `batch ${batchId} is niet bekend bij instelling 26AB` });
  });

  it('refuses a file with an unknown column, or without records, as a whole (400): nothing is sent', async () => {
    const voor = await eindeIntake('25LX');
    const batchId = `onbekende-kolom-${randomBytes(3).toString('hex')}`;
    const antwoord = await post(`/aanleveringen?batchId=${batchId}`, `soort,persoonsnummer,schoenmaat\nINSCHRIJVING,123456782,44\n`, { ...auth('25LX'), 'Content-Type': 'text/csv' });
    expect(antwoord.status).toBe(400);
    expect((await json(antwoord)).fout).toContain('onbekende kolom(men) schoenmaat');

    for (const [body, type] of [['', 'text/csv'], ['', 'application/x-ndjson'], [`${KOPPEN}\r\n`, 'text/csv'], ['\n\n', 'application/x-ndjson']]) {
      const leeg = await post('/aanleveringen', body, { ...auth('25LX'), 'Content-Type': type });
      expect(leeg.status).toBe(400);
      expect((await json(leeg)).fout).toMatch(/het bestand is niet aangeleverd: het bestand (is leeg|bevat geen records)/);
    }
    expect(await eindeIntake('25LX')).toBe(voor);
    expect((await get(`/aanleveringen/${batchId}`, auth('25LX'))).status).toBe(404);
  });

  it('refuses a media type that is no aanleverbestand (415)', async () => {
    const voor = await eindeIntake('25LX');
    for (const type of ['application/json', 'application/x-www-form-urlencoded', 'text/csv; charset=latin1']) {
      const antwoord = await post('/aanleveringen', '{"soort":"INSCHRIJVING"}\n', { ...auth('25LX'), 'Content-Type': type });
      expect(antwoord.status).toBe(415);
      expect((await json(antwoord)).fout).toEqual(expect.any(String));
    }
    expect(await eindeIntake('25LX')).toBe(voor);
  });

  it('accepts JSON Lines streamed in chunks that split lines anywhere', async () => {
    const regels = [JSON.stringify(inschrijving('25LX', '999996356', 'INS-J1')), '{"soort": "INSCHRIJVING", kapot', ''].join('\n');
    const stukken = regels.match(/[\s\S]{1,7}/g) ?? [];
    const stroom = new ReadableStream<Uint8Array>({
      pull(controller) {
        const stuk = stukken.shift();
        if (stuk === undefined) controller.close();
        else controller.enqueue(new TextEncoder().encode(stuk));
      },
    });
    const antwoord = await post('/aanleveringen', stroom, { 'X-API-Key': sleutel['25LX'], 'Content-Type': 'application/x-ndjson' });
    expect(antwoord.status).toBe(202);
    const { batchId, aantalRecords } = await json<PostAntwoord>(antwoord);
    expect(aantalRecords).toBe(2);

    const batch = await wachtOp('25LX', batchId, verwerkt);
    expect(batch).toMatchObject({ beantwoord: 2, meldingen: 1, signalen: 0, afkeuringen: 1 });
    expect(batch.terugkoppeling.map((t) => [t.regel, t.soort, t.codes[0].code])).toEqual([[1, 'MELDING', 'M00'], [2, 'AFKEURING', 'A11']]);
  });

  it('sends a large file in several sends and pages its answers', async () => {
    const aantal = 1201;
    const regel = `${JSON.stringify(inschrijving('25LX', '123456789', 'INS-P'))}\n`;
    let verzonden = 0;
    const stroom = new ReadableStream<Uint8Array>({
      pull(controller) {
        if (verzonden === aantal) return controller.close();
        const deel = Math.min(97, aantal - verzonden);
        verzonden += deel;
        controller.enqueue(new TextEncoder().encode(regel.repeat(deel)));
      },
    });
    const antwoord = await post('/aanleveringen?formaat=jsonl', stroom, { ...auth('25LX'), 'Content-Type': 'application/octet-stream' });
    expect(antwoord.status).toBe(202);
    const { batchId } = await json<PostAntwoord>(antwoord);

    const eerste = await wachtOp('25LX', batchId, verwerkt, `/aanleveringen/${batchId}?aantal=500`);
    expect(eerste).toMatchObject({ aantalGemeld: aantal, beantwoord: aantal, afkeuringen: aantal });
    expect(eerste.terugkoppeling).toHaveLength(500);
    expect(eerste.links.volgende).toBe(`/aanleveringen/${batchId}?vanaf=501&aantal=500`);
    const tweede = (await get(eerste.links.volgende ?? '', auth('25LX'))).body;
    const derde = (await get(tweede.links.volgende ?? '', auth('25LX'))).body;
    expect(derde.links.volgende).toBeUndefined();
    const nummers = [...eerste.terugkoppeling, ...tweede.terugkoppeling, ...derde.terugkoppeling].map((t) => t.recordnummer);
    expect(nummers).toEqual(Array.from({ length: aantal }, (_, i) => i + 1));
    expect((await get(`/aanleveringen/${batchId}?aantal=10001`, auth('25LX'))).status).toBe(400);
  });

  it('takes a batch delivered again under the same batchId as the same batch', async () => {
    const batchId = `herhaald-${randomBytes(3).toString('hex')}`;
    const csv = `${KOPPEN}\n` + [['123456782', 'G-1'], ['111222333', 'G-2'], ['123456789', 'G-3']]
      .map(([persoon, id]) => Object.values(inschrijving('26AB', persoon, id)).join(',')).join('\n');
    const lever = () => post(`/aanleveringen?batchId=${batchId}`, csv, { ...auth('26AB'), 'Content-Type': 'text/csv' });

    expect((await lever()).status).toBe(202);
    const eerst = await wachtOp('26AB', batchId, verwerkt);
    expect(eerst).toMatchObject({ beantwoord: 3, afkeuringen: 1 });

    const opnieuw = await lever();
    expect(opnieuw.status).toBe(202);
    expect(await json<PostAntwoord>(opnieuw)).toMatchObject({ batchId, instelling: '26AB', aantalRecords: 3 });
    // The closing message of the second delivery is handled once the batch is closed again.
    const daarna = await wachtOp('26AB', batchId, (b) => verwerkt(b) && b.verwerktOp !== eerst.verwerktOp);
    expect({ ...daarna, verwerktOp: null }).toEqual({ ...eerst, verwerktOp: null });
    const [{ aantal }] = await db.query<{ aantal: string }>(`SELECT count(*) AS aantal FROM aanlevering.record_antwoord WHERE instelling = '26AB' AND batch_id = $1`, [batchId]);
    expect(Number(aantal)).toBe(3);
  });

  /** Every record of the batch answered once, and the counts add up (what an instelling checks). */
  function elkRecordBeantwoord(batch: BatchAntwoord, aantal: number): void {
    expect(batch).toMatchObject({ status: 'VERWERKT', aantalGemeld: aantal, beantwoord: aantal });
    expect(batch.meldingen + batch.signalen + batch.afkeuringen).toBe(aantal);
    expect(batch.terugkoppeling.map((t) => t.recordnummer)).toEqual(Array.from({ length: aantal }, (_, i) => i + 1));
    // The answers are stored and shown: no NUL and no lone surrogate anywhere in them.
    const teksten = (w: unknown): string[] => (typeof w === 'string' ? [w] : w && typeof w === 'object' ? Object.values(w).flatMap(teksten) : []);
    expect(teksten(batch).filter((t) => /\u0000|[\ud800-\udfff]/.test(t.replace(/[\ud800-\udbff][\udc00-\udfff]/g, '')))).toEqual([]);
  }

  /** A persoonsnummer no other test uses (11-proef), so that no earlier inschrijving overlaps. */
  function nieuwPersoonsnummer(): string {
    for (;;) {
      const cijfers = [...randomBytes(8)].map((b) => b % 10);
      const som = cijfers.reduce((n, c, i) => n + (9 - i) * c, 0);
      const laatste = som % 11;
      if (laatste < 10 && cijfers.some((c) => c !== 0)) return [...cijfers, laatste].join('');
    }
  }

  it('answers a CSV record with a raw NUL byte and JSON Lines with \\u0000 and a lone surrogate (afkeuring naming line and column), and every other record (finding 1)', async () => {
    const csv = Buffer.concat([
      Buffer.from(`${KOPPEN}\nINSCHRIJVING,T,25LX,123456782,NUL-C`),
      Buffer.from([0x00]),
      Buffer.from(`1,25078,BOL,VT,2016-08-01\n${Object.values(inschrijving('25LX', nieuwPersoonsnummer(), 'NUL-C2')).join(',')}\n`),
    ]);
    const c = await post('/aanleveringen', new Blob([csv]).stream(), { ...auth('25LX'), 'Content-Type': 'text/csv' });
    expect(c.status).toBe(202);
    const csvBatch = await wachtOp('25LX', (await json<PostAntwoord>(c)).batchId, verwerkt);
    elkRecordBeantwoord(csvBatch, 2);
    expect(csvBatch.terugkoppeling.map((t) => [t.regel, t.soort, t.inschrijvingId, t.codes.map((k) => k.code)])).toEqual([[2, 'AFKEURING', null, ['A16']], [3, 'MELDING', 'NUL-C2', ['M00']]]);
    expect(csvBatch.terugkoppeling[0].codes[0].tekst).toBe('Regel 2, kolom inschrijving_id: teken 6 is U+0000 (NUL), dat niet kan worden verwerkt; lever de tekst zonder dit teken aan.');

    const jsonl = [
      JSON.stringify({ ...inschrijving('25LX', '123456782', 'NUL-J1'), leerbedrijf: 'a\u0000b' }),
      '{"soort":"INSCHRIJVING","inschrijving_id":"NUL-J2\\ud800"}',
      JSON.stringify(inschrijving('25LX', nieuwPersoonsnummer(), 'NUL-J3')),
    ].join('\n');
    const j = await post('/aanleveringen', jsonl, { ...auth('25LX'), 'Content-Type': 'application/x-ndjson' });
    expect(j.status).toBe(202);
    const jsonBatch = await wachtOp('25LX', (await json<PostAntwoord>(j)).batchId, verwerkt);
    elkRecordBeantwoord(jsonBatch, 3);
    expect(jsonBatch.terugkoppeling.map((t) => [t.regel, t.soort, t.codes.map((k) => k.code)])).toEqual([[1, 'AFKEURING', ['A16']], [2, 'AFKEURING', ['A11']], [3, 'MELDING', ['M00']]]);
    expect(jsonBatch.terugkoppeling[1].codes[0].tekst).toContain('kolom inschrijving_id: teken 7 is U+D800');
  }, 90_000);

  it('answers records with a NUL and a record over the limit from a batch producer over Kafka, never a dead letter (findings 1 and 3)', async () => {
    const batchId = `kafka-nul-${randomBytes(3).toString('hex')}`;
    const topic = InstellingTopics.aanlevering('26AB');
    const origin = `aanlevering:26AB:${batchId}`;
    const record = (recordnummer: number, velden: Record<string, string>) =>
      nieuwBericht<AanleverRecord>({ topic, key: batchId, type: EventTypes.AanleverRecord, value: { batchId, recordnummer, regel: null, velden, leesfout: null }, origin });
    const persoon = nieuwPersoonsnummer();
    const velden = (id: string) => ({ ...inschrijving('26AB', persoon, id) });
    const producent = new PlatformClient({ KAFKA_BROKERS: env.KAFKA_BROKERS, BRON_TOPIC_PREFIX: env.BRON_TOPIC_PREFIX });
    try {
      await producent.ensureTopics([topic]);
      await producent.send([
        record(1, { ...velden('K-1'), persoonsnummer: '12345\u00006782', inschrijving_id: 'K-\u00001' }),
        record(2, { ...velden('K-2'), leerbedrijf: 'x'.repeat(200 * 1024) }),
        nieuwBericht<AanleverRecord>({ topic, key: batchId, type: EventTypes.AanleverRecord, value: { batchId, recordnummer: 3, regel: 9, velden: {}, leesfout: 'kapot \u0000' }, origin }),
        record(4, velden('K-4')),
        nieuwBericht<AanleverBatchAfgesloten>({ topic, key: batchId, type: EventTypes.AanleverBatchAfgesloten, value: { batchId, aantalRecords: 4, bestandsnaam: null }, origin }),
      ]);
    } finally {
      await producent.sluit();
    }
    const batch = await wachtOp('26AB', batchId, verwerkt);
    elkRecordBeantwoord(batch, 4);
    expect(batch.terugkoppeling.map((t) => [t.recordnummer, t.soort, t.persoonsnummer, t.inschrijvingId, t.codes.map((k) => k.code)])).toEqual([
      [1, 'AFKEURING', null, null, ['A16', 'A16']],
      [2, 'AFKEURING', null, null, ['A11']],
      [3, 'AFKEURING', null, null, ['A11']],
      [4, 'MELDING', persoon, 'K-4', ['M00']],
    ]);
    expect(await kafka.endOffsets(`${topic}.dlq`).then((o) => o.reduce((n, p) => n + Number(p.offset), 0)).catch(() => 0)).toBe(0);
  }, 90_000);

  it('answers a 5 MB JSON Lines record as a leesfout and delivers the rest (finding 3)', async () => {
    const groot = `{"soort":"INSCHRIJVING","leerbedrijf":"${'x'.repeat(5 * 1024 * 1024)}"}\n`;
    const jsonl = `${JSON.stringify(inschrijving('25LX', nieuwPersoonsnummer(), 'GROOT-1'))}\n${groot}${JSON.stringify(inschrijving('25LX', nieuwPersoonsnummer(), 'GROOT-3'))}\n`;
    const antwoord = await post('/aanleveringen', jsonl, { ...auth('25LX'), 'Content-Type': 'application/x-ndjson' });
    expect(antwoord.status).toBe(202);
    const batch = await wachtOp('25LX', (await json<PostAntwoord>(antwoord)).batchId, verwerkt);
    elkRecordBeantwoord(batch, 3);
    expect(batch.terugkoppeling.map((t) => [t.regel, t.soort, t.codes[0].code])).toEqual([[1, 'MELDING', 'M00'], [2, 'AFKEURING', 'A11'], [3, 'MELDING', 'M00']]);
    expect(batch.terugkoppeling[1].codes[0].tekst).toContain('de regel is langer dan 65536 bytes');
  }, 90_000);

  it('stays responsive while it reads a 40 MB single-line body (finding 3)', async () => {
    const stuk = new TextEncoder().encode('x'.repeat(64 * 1024));
    let verzonden = 0;
    const stroom = new ReadableStream<Uint8Array>({
      pull(controller) {
        if (verzonden === 640) {
          controller.enqueue(new TextEncoder().encode(`\n${JSON.stringify(inschrijving('25LX', '123456782', 'NA-GROOT'))}\n`));
          return controller.close();
        }
        verzonden += 1;
        controller.enqueue(stuk);
      },
    });
    const levering = post('/aanleveringen', stroom, { ...auth('25LX'), 'Content-Type': 'application/x-ndjson' });
    const traagst = { ms: 0 };
    let klaar = false;
    const peilen = (async () => {
      while (!klaar) {
        const begin = Date.now();
        await fetch(`${basis}/health/live`);
        traagst.ms = Math.max(traagst.ms, Date.now() - begin);
        await new Promise((r) => setTimeout(r, 50));
      }
    })();
    const antwoord = await levering;
    klaar = true;
    await peilen;
    expect(antwoord.status).toBe(202);
    expect(await json<PostAntwoord>(antwoord)).toMatchObject({ aantalRecords: 2 });
    expect(traagst.ms).toBeLessThan(2_000);
  }, 90_000);
});

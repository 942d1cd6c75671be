import { randomBytes, randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { EventTypes, Headers, InstellingTopics, Topics, bronCodec, type BasissetBerekend, type Notificatie } from '@bron/contracts';
import { ServiceSupervisor, andereInstellingIn, leverAan, type OntvangenInstellingbericht, draaiBron } from '@bron/devtools';
import { KafkaClient, PlatformClient, TestDatabase, headersAlsTekst, opaakId, wachtTot } from '@bron/infra';
import type { Consumer } from 'kafkajs';

/**
 * Issue 9 (D7): nothing on an instelling's topics names another instelling, its batch or its
 * records, in the key, any header or the body; the whole cause stays on the DUO-internal topics,
 * reachable from the instelling's message by its (opaque) correlation id. 26AB's aanlevering, sent
 * with `bron aanleveren`, changes the basisset of a 25LX student; then the BRP, through `bron
 * extern`, changes it again. Every message of every topic involved is read raw, as a reader would.
 */
describe("nothing on an instelling's topics names another instelling", () => {
  const STUDENT = '111222333';
  const BATCH_25LX = 'lx-batch-4411';
  const BATCH_26AB = 'ab-batch-9923';
  const INSCHRIJVING_25LX = 'LX-INS-3342';
  const INSCHRIJVING_26AB = 'AB-INS-7781';
  let db: TestDatabase;
  let services: ServiceSupervisor;
  let env: NodeJS.ProcessEnv;
  let map: string;
  let kafka: KafkaClient;
  let lezer: Consumer;
  let platform: PlatformClient;
  const berichten: OntvangenInstellingbericht[] = [];

  const instellingTopics = ['25LX', '26AB'].flatMap((b) => InstellingTopics.alle(b));
  const interneTopics = [Topics.studentfeit, Topics.persoon, Topics.basisset];

  beforeAll(async () => {
    map = mkdtempSync(join(tmpdir(), 'bron-isolatie-'));
    db = await TestDatabase.maak();
    env = { DATABASE_URL: db.url, BRON_TOPIC_PREFIX: `t${randomBytes(4).toString('hex')}.`, BRON_PEILDATUM: '2016-11-15', INSTELLINGEN: '25LX,26AB', LOG_LEVEL: 'warn' };
    services = new ServiceSupervisor({ env });
    await services.start();
    platform = new PlatformClient({ ...process.env, ...env });
    kafka = new KafkaClient('isolatie-lezer', process.env.KAFKA_BROKERS!.split(','), env.BRON_TOPIC_PREFIX!);
    kafka.kafka.logger().setLogLevel(0);
    const topics = [...instellingTopics, ...interneTopics];
    await kafka.ensureTopics(topics);
    lezer = kafka.consumer({ groupId: `isolatie-${randomUUID()}` });
    await lezer.connect();
    await lezer.subscribe({ topics: topics.map((t) => kafka.physical(t)), fromBeginning: true });
    await lezer.run({
      eachMessage: async ({ topic, message }) => {
        const headers = headersAlsTekst(message.headers);
        const { value } = bronCodec.decode(message.value ?? Buffer.alloc(0), headers[Headers.eventType]);
        berichten.push({ topic: kafka.logical(topic), key: message.key?.toString() ?? null, headers, value });
      },
    });
  });

  afterAll(async () => {
    await lezer?.disconnect();
    await kafka?.disconnect();
    await platform?.sluit();
    await services?.stop();
    await db?.verwijder();
    rmSync(map, { recursive: true, force: true });
  });

  const type = (b: OntvangenInstellingbericht) => b.headers[Headers.eventType];
  const op = (topic: string) => berichten.filter((b) => b.topic === topic);
  const wachtOp = (wat: string, vind: () => OntvangenInstellingbericht | undefined) => wachtTot(wat, vind, 90_000);

  it('keeps every message on instelling.25LX.* and instelling.26AB.* clean, and the internal topic complete', async () => {
    await leverAan(platform, '25LX', BATCH_25LX, [
      { soort: 'INSCHRIJVING', instelling: '25LX', persoonsnummer: STUDENT, inschrijving_id: INSCHRIJVING_25LX, crebo: '25078', leerweg: 'BOL', begindatum: '2016-08-01' },
    ]);
    await wachtOp('de eerste status van 25LX', () => op(InstellingTopics.bekostigingsstatus('25LX'))[0]);

    // 26AB delivers two earlier years of the same student with the bron command (D4: counted nationally)
    const bestand = join(map, 'aanlevering-26ab.csv');
    writeFileSync(bestand, `soort,instelling,persoonsnummer,inschrijving_id,crebo,leerweg,begindatum,einddatum\nINSCHRIJVING,26AB,${STUDENT},${INSCHRIJVING_26AB},25407,BOL,2014-08-01,2016-06-30\n`);
    expect(await draaiBron(['aanleveren', bestand, '--instelling', '26AB', '--batch-id', BATCH_26AB], env)).toMatchObject({ code: 0 });
    const status2 = await wachtOp('de status van 25LX na de inschrijving bij 26AB', () =>
      op(InstellingTopics.bekostigingsstatus('25LX')).find((b) => Number((b.value as BasissetBerekend).versie) === 2));
    await wachtOp('de notificatie van 25LX over de aanlevering van 26AB', () =>
      op(InstellingTopics.notificatie('25LX')).find((b) => (b.value as Notificatie).oorzaak.soort === 'AANLEVERING'));

    // the BRP says this adult had no lawful residence when either programme started
    const brp = join(map, 'brp.jsonl');
    writeFileSync(brp, JSON.stringify({ type: 'PersoonGewijzigd', persoonsnummer: STUDENT, bron: 'BRP', geboortedatum: '1990-03-01', nationaliteit: 'SY', officieleVoornamen: 'Amal', verblijfsstatus: [{ vanaf: '2017-01-01', tot: null, rechtmatig: true }] }) + '\n');
    expect(await draaiBron(['extern', brp], env)).toEqual({ code: 0, uitvoer: '1 externe feiten verzonden: 1 aanvaard, 0 geweigerd\n' });
    await wachtOp('de notificatie van 25LX over de BRP', () => op(InstellingTopics.notificatie('25LX')).find((b) => (b.value as Notificatie).oorzaak.soort === 'EXTERN'));
    await wachtOp('de status van 26AB na de BRP', () => op(InstellingTopics.bekostigingsstatus('26AB')).find((b) => Number((b.value as BasissetBerekend).versie) === 2));

    // every message on every instelling topic, checked: nothing names the other instelling, its batch or its records
    const bekend = { brins: ['25LX', '26AB'], kenmerken: new Map([['25LX', [BATCH_25LX, INSCHRIJVING_25LX]], ['26AB', [BATCH_26AB, INSCHRIJVING_26AB]]]) };
    const opInstellingTopics = berichten.filter((b) => instellingTopics.includes(b.topic));
    expect([...new Set(opInstellingTopics.map((b) => b.topic))]).toEqual(expect.arrayContaining([
      ...['25LX', '26AB'].flatMap((b) => [InstellingTopics.aanlevering(b), InstellingTopics.terugkoppeling(b), InstellingTopics.bekostigingsstatus(b)]), InstellingTopics.notificatie('25LX'),
    ]));
    const vondsten = opInstellingTopics.flatMap((b) => andereInstellingIn(b, bekend).map((v) => ({ topic: b.topic, type: type(b), ...v })));
    expect(vondsten).toEqual([]);
    expect(status2.headers[Headers.origin]).toBe('aanlevering:andere-instelling');
    expect((status2.value as BasissetBerekend).oorzaak).toMatchObject({ soort: 'AANLEVERING', instelling: null });

    // the checker does see the cause where it belongs: on the DUO-internal topic, whole
    const intern = op(Topics.basisset).find((b) => (b.value as BasissetBerekend).inschrijvingId === INSCHRIJVING_25LX && Number((b.value as BasissetBerekend).versie) === 2)!;
    expect(intern.headers[Headers.origin]).toBe(`aanlevering:26AB:${BATCH_26AB}`);
    expect((intern.value as BasissetBerekend).oorzaak).toMatchObject({ soort: 'AANLEVERING', instelling: '26AB' });
    expect(andereInstellingIn({ ...intern, topic: InstellingTopics.bekostigingsstatus('25LX') }, bekend).map((v) => v.waar)).toEqual(expect.arrayContaining(['header origin', 'value.oorzaak.instelling']));

    // every message of every topic carries all six headers
    for (const b of berichten) {
      const zes = [Headers.eventId, Headers.eventType, Headers.eventTime, Headers.correlationId, Headers.causationId, Headers.origin].map((h) => [h, b.headers[h]]);
      expect({ topic: b.topic, zes }).toEqual({ topic: b.topic, zes: zes.map(([h]) => [h, expect.stringMatching(/.+/)]) });
    }

    // the chain of 26AB's record: the record is caused by its batch and starts the chain; each next
    // message names the one before as its cause and carries the chain's correlation id; on 25LX's
    // topic that id is opaque, and the platform finds the chain from it
    const [record] = op(InstellingTopics.aanlevering('26AB')).filter((b) => type(b) === EventTypes.AanleverRecord);
    expect(record.headers[Headers.causationId]).toBe(`batch:${BATCH_26AB}`);
    const keten = record.headers[Headers.correlationId];
    expect(keten).toBe(record.headers[Headers.eventId]);
    const feit = op(Topics.studentfeit).find((b) => b.headers[Headers.causationId] === record.headers[Headers.eventId])!;
    expect(feit.headers[Headers.correlationId]).toBe(keten);
    expect(intern.headers[Headers.causationId]).toBe(feit.headers[Headers.eventId]);
    expect(intern.headers[Headers.correlationId]).toBe(keten);
    expect(status2.headers[Headers.correlationId]).toBe(opaakId('25LX', keten));
    expect(status2.headers[Headers.causationId]).toBe(opaakId('25LX', feit.headers[Headers.eventId]));
    const terugkoppeling = op(InstellingTopics.terugkoppeling('26AB')).find((b) => type(b) === EventTypes.Terugkoppeling)!;
    expect(terugkoppeling.headers).toMatchObject({ [Headers.correlationId]: keten, [Headers.causationId]: record.headers[Headers.eventId], [Headers.origin]: 'aanlevering:eigen' });
    // the BRP fact of `bron extern` starts a chain too, caused by the run it came with
    const [persoon] = op(Topics.persoon);
    expect(persoon.headers[Headers.causationId]).toMatch(/^levering:[0-9a-f-]{36}$/);
    expect(persoon.headers[Headers.correlationId]).toBe(persoon.headers[Headers.eventId]);
  });
});

import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { AvroSchemaParser } from '@asyncapi/avro-schema-parser';
import { Parser, fromFile, type AsyncAPIDocumentInterface } from '@asyncapi/parser';
import { parse as leesYaml } from 'yaml';
import { EventTypes, type EventType } from './event-types';
import { allSchemas } from './generated';
import { InstellingTopics } from './topics';

const ROOT = join(__dirname, '..', '..', '..');
const DOCUMENT = join(ROOT, 'docs', 'asyncapi.yaml');
/** DiagnosticSeverity.Error of the parser's diagnostics (0 error, 1 warning, 2 information, 3 hint). */
const FOUT = 0;

type InstellingSoort = Exclude<keyof typeof InstellingTopics, 'alle' | 'brinVan' | 'isAanlevering'>;

/**
 * The event types the services publish (or the intake takes) on each per-instelling topic, as the
 * code writes them (`nieuwBericht({ topic: InstellingTopics.<soort>(...), type: ... })`). Typed by
 * the topics of `InstellingTopics`, so a new topic does not compile until it is listed here.
 */
const TYPES_PER_TOPIC: Record<InstellingSoort, EventType[]> = {
  aanlevering: [EventTypes.AanleverRecord, EventTypes.AanleverBatchAfgesloten],
  terugkoppeling: [EventTypes.Terugkoppeling, EventTypes.AanleverBatchVerwerkt],
  bekostigingsstatus: [EventTypes.BasissetBerekend],
  notificatie: [EventTypes.Notificatie],
  foto: [EventTypes.FotoGemaakt],
};

interface RuwBericht {
  headers: { allOf: { properties?: Record<string, { const?: string }> }[] };
  payload: { schemaFormat: string; schema: { $ref: string } };
}
interface RuwDocument {
  channels: Record<string, { address: string; messages: Record<string, { $ref: string }> }>;
  operations: Record<string, { action: string; channel: { $ref: string } }>;
  components: { messages: Record<string, RuwBericht>; parameters: { brin: { examples: string[]; 'x-pattern': string } } };
}

const ruw = leesYaml(readFileSync(DOCUMENT, 'utf8')) as RuwDocument;
const BRIN = ruw.components.parameters.brin.examples[0];

function bericht(ref: string): RuwBericht {
  return ruw.components.messages[ref.replace('#/components/messages/', '')];
}

describe('docs/asyncapi.yaml, the topics of an instelling for the vendors who integrate', () => {
  let document: AsyncAPIDocumentInterface | undefined;
  let diagnostics: { severity: number; message: string; path: (string | number)[] }[];

  beforeAll(async () => {
    const parser = new Parser();
    parser.registerSchemaParser(AvroSchemaParser());
    // From the file, so that the payloads' relative $refs to schemas/ resolve.
    ({ document, diagnostics } = await fromFile(parser, DOCUMENT).parse());
  }, 60_000);

  it('is a valid AsyncAPI 3 document, its Avro payloads parsed by the Avro schema parser', () => {
    const fouten = diagnostics.filter((d) => d.severity === FOUT).map((d) => `${d.path.join('.')}: ${d.message}`);
    expect(fouten).toEqual([]);
    expect(document).toBeDefined();
    expect(document!.version()).toMatch(/^3\./);
    for (const message of document!.allMessages()) {
      expect(message.payload()?.type()).toBe('object');
    }
  });

  it('lists every per-instelling topic the code defines, and no other', () => {
    const adressen = document!.channels().all().map((c) => c.address()!.replace('{brin}', BRIN)).sort();
    expect(adressen).toEqual([...InstellingTopics.alle(BRIN)].sort());
  });

  it('names each topic with a brin parameter whose pattern and examples fit the code', () => {
    const patroon = new RegExp(ruw.components.parameters.brin['x-pattern']);
    for (const brin of ruw.components.parameters.brin.examples) {
      expect(brin).toMatch(patroon);
      for (const channel of document!.channels().all()) {
        expect(channel.parameters().all().map((p) => p.id())).toEqual(['brin']);
        expect(InstellingTopics.brinVan(channel.address()!.replace('{brin}', brin))).toBe(brin);
      }
    }
  });

  it.each(Object.entries(TYPES_PER_TOPIC))('gives topic %s the Avro schemas of the event types the code publishes there', (soort, types) => {
    const [, channel] = Object.entries(ruw.channels).find(([, c]) => c.address === InstellingTopics[soort as InstellingSoort]('{brin}'))!;
    const berichten = Object.values(channel.messages).map((m) => bericht(m.$ref));
    const namen: string[] = [];
    for (const b of berichten) {
      expect(b.payload.schemaFormat).toBe('application/vnd.apache.avro;version=1.9.0');
      // The referenced file exists and is the very schema the codec uses for that event type.
      const schema = JSON.parse(readFileSync(resolve(ROOT, 'docs', b.payload.schema.$ref), 'utf8')) as { name: string; namespace: string };
      const type = `${schema.namespace}.${schema.name}`;
      expect(allSchemas.find((s) => s.fullName === type)?.schema).toEqual(schema);
      // The event-type header the document promises is that schema's full name.
      expect(b.headers.allOf.map((h) => h.properties?.['event-type']?.const).filter(Boolean)).toEqual([type]);
      namen.push(type);
    }
    expect(namen.sort()).toEqual([...types].sort());
  });

  it('lets the instelling send only to its intake topic and receive the rest', () => {
    const perChannel = new Map(Object.values(ruw.operations).map((o) => [o.channel.$ref.replace('#/channels/', ''), o.action]));
    for (const [naam, channel] of Object.entries(ruw.channels)) {
      expect(perChannel.get(naam)).toBe(InstellingTopics.isAanlevering(channel.address.replace('{brin}', BRIN)) ? 'send' : 'receive');
    }
  });

  it('requires SCRAM-SHA-256 on every server, SASL_PLAINTEXT locally and SASL_SSL in production', () => {
    const servers = document!.servers().all();
    expect(servers.map((s) => s.protocol()).sort()).toEqual(['kafka', 'kafka-secure']);
    for (const server of servers) {
      const schemes = server.security().flatMap((req) => req.all().map((r) => r.scheme().type()));
      expect(schemes).toEqual(['scramSha256']);
    }
  });
});

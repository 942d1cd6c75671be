import { Type } from 'avsc';
import { schemaFingerprint } from '../src/avro/fingerprint';
import { CODEGEN_FIXTURES } from '../src/avro/__fixtures__/load-fixture';
import { loadSchemaFiles, type SchemaFile } from './load-schema-files';
import { resolveSchemaFiles } from './resolve-references';

const record = (name: string, fields: object[], extra: object = {}) => ({ type: 'record', name, ...extra, fields });

describe('resolveSchemaFiles', () => {
  const resolved = resolveSchemaFiles(loadSchemaFiles(CODEGEN_FIXTURES));
  const inschrijving = resolved.find((schema) => schema.file === 'inschrijving/inschrijving-geregistreerd.avsc');
  const fields = (inschrijving?.schema as { fields: { name: string; type: unknown }[] }).fields;
  const typeOf = (name: string) => fields.find((field) => field.name === name)?.type;

  it('names each file by its top-level full name', () => {
    expect(resolved.map((schema) => [schema.file, schema.fullName])).toEqual([
      ['gedeeld/oorzaak.avsc', 'nl.bron.test.gedeeld.Oorzaak'],
      ['inschrijving/inschrijving-geregistreerd.avsc', 'nl.bron.test.inschrijving.InschrijvingGeregistreerd'],
    ]);
  });

  it('inlines an outside type at its first use, with its namespace made explicit', () => {
    expect(typeOf('bronsoort')).toEqual({
      type: 'enum',
      name: 'Bronsoort',
      doc: 'Kind of source.',
      symbols: ['AANLEVERING', 'EXTERNE_BRON'],
      namespace: 'nl.bron.test.gedeeld',
    });
  });

  it('turns a second definition, nested in a later inlined type, into a reference', () => {
    expect(typeOf('oorzaak')).toMatchObject({
      name: 'Oorzaak',
      namespace: 'nl.bron.test.gedeeld',
      fields: [{ name: 'bron', type: 'nl.bron.test.gedeeld.Bronsoort' }, { name: 'referentie', type: 'string' }],
    });
  });

  it("keeps the file's own JSON as written, attributes avsc would drop included", () => {
    expect(typeOf('status')).toMatchObject({ default: 'ONBEKEND' });
    expect(typeOf('tijdstip')).toEqual({ type: 'long', logicalType: 'timestamp-millis' });
    expect(typeOf('hoofdopleiding')).toEqual(['null', 'Opleiding']);
  });

  it('fingerprints the result as the same schema written in one file', () => {
    const single: SchemaFile = {
      file: 'a.avsc',
      schema: record('x.A', [
        { name: 'b', type: record('B', [{ name: 'c', type: { type: 'enum', name: 'C', symbols: ['J'] } }], { namespace: 'y' }) },
        { name: 'c', type: 'y.C' },
      ]),
    };
    const split: SchemaFile[] = [
      { file: 'a.avsc', schema: record('x.A', [{ name: 'b', type: 'y.B' }, { name: 'c', type: 'y.C' }]) },
      { file: 'b.avsc', schema: record('B', [{ name: 'c', type: { type: 'enum', name: 'C', symbols: ['J'] } }], { namespace: 'y' }) },
    ];
    const [fromSingle] = resolveSchemaFiles([single]);
    const [fromSplit] = resolveSchemaFiles(split);
    expect(schemaFingerprint(fromSplit.type)).toEqual(schemaFingerprint(fromSingle.type));
    expect(Type.forSchema(fromSplit.schema as never).equals(fromSingle.type)).toBe(true);
  });

  it('allows types of two files to use each other', () => {
    const files: SchemaFile[] = [
      { file: 'a.avsc', schema: record('n.A', [{ name: 'b', type: ['null', 'B'], default: null }]) },
      { file: 'b.avsc', schema: record('n.B', [{ name: 'a', type: ['null', 'A'], default: null }]) },
    ];
    expect(resolveSchemaFiles(files).map((schema) => schema.fullName)).toEqual(['n.A', 'n.B']);
  });

  it('resolves nothing from an empty schemas directory', () => {
    expect(resolveSchemaFiles([])).toEqual([]);
  });

  it.each([
    [
      'an undefined type',
      [{ file: 'a.avsc', schema: record('n.A', [{ name: 'b', type: 'Onbekend' }]) }],
      'a.avsc: type "Onbekend" (n.Onbekend) is not defined in this file nor in any other schema file',
    ],
    [
      'a type defined twice',
      [
        { file: 'a.avsc', schema: record('n.A', [{ name: 'k', type: { type: 'enum', name: 'K', symbols: ['J'] } }]) },
        { file: 'b.avsc', schema: { type: 'enum', name: 'n.K', symbols: ['J', 'N'] } },
      ],
      'n.K is defined in a.avsc and again in b.avsc; define it once and refer to it by name',
    ],
    ['an unnamed top level', [{ file: 'a.avsc', schema: ['null', 'string'] }], 'a.avsc: the top-level schema must be a named record, enum or fixed'],
    ['a schema avsc refuses', [{ file: 'a.avsc', schema: record('n.A', [{ name: 'b', type: 'int', default: 'x' }]) }], /^a\.avsc: incompatible field default/],
  ])('rejects %s, naming the file', (_case, files, message) => {
    expect(() => resolveSchemaFiles(files as SchemaFile[])).toThrow(message);
  });
});

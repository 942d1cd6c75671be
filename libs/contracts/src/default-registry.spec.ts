import { Type } from 'avsc';
import type { SchemaRegistry } from './avro/schema-registry';
import { defaultRegistry } from './default-registry';
import { allSchemas } from './generated';

// Runs over whatever schemas/ holds, possibly nothing: every generated schema constant parses on
// its own and round-trips through the default registry.
type AvscSchema = Parameters<typeof Type.forSchema>[0];

describe('defaultRegistry', () => {
  const registry = defaultRegistry as unknown as SchemaRegistry;
  const contracts: readonly { readonly fullName: string; readonly schema: object }[] = allSchemas;

  for (const { fullName, schema } of contracts) {
    it(`round-trips a random ${fullName}`, () => {
      const value: unknown = Type.forSchema(schema as AvscSchema).random();
      const message = registry.encode(fullName, value);
      expect(registry.writerSchemaName(message)).toBe(fullName);
      expect(registry.decode(message, fullName)).toEqual(value);
    });
  }

  it('holds every generated schema', () => {
    for (const { fullName } of contracts) expect(registry.fingerprintOf(fullName)).toHaveLength(8);
  });
});

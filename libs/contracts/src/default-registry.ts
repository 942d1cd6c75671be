import { SchemaRegistry } from './avro/schema-registry';
import { allSchemas, type SchemaTypes } from './generated';

// Widened so that this also compiles when schemas/ is empty (allSchemas is then `readonly []`).
const contracts: readonly { readonly schema: object }[] = allSchemas;

/**
 * Registry of the current version of every schema in `schemas/`, typed by the generated
 * `SchemaTypes`: `defaultRegistry.encode(TerugkoppelingSchema.fullName, terugkoppeling)`.
 */
export const defaultRegistry = new SchemaRegistry<SchemaTypes>(contracts.map((contract) => contract.schema));

import { Type } from 'avsc';
import type { SchemaFile } from './load-schema-files';

/** A file's top-level schema, made self-contained and parsed. */
export interface ResolvedSchema {
  readonly file: string;
  readonly fullName: string;
  /** The file's JSON as written, with the named types it uses from other files inlined. */
  readonly schema: object;
  readonly type: Type;
  /** Full names of the outside types that were inlined, in order of first use. */
  readonly inlined: readonly string[];
}

type Json = Record<string, unknown>;
type AvscSchema = Parameters<typeof Type.forSchema>[0];

interface Visitor {
  definition(fullName: string, walkInside: () => unknown): unknown;
  reference(name: string, fullName: string): unknown;
}

const PRIMITIVES = new Set(['null', 'boolean', 'int', 'long', 'float', 'double', 'bytes', 'string']);
const NAMED = new Set(['record', 'error', 'enum', 'fixed']);

/**
 * Makes each file's top-level schema self-contained, so that it can be parsed, fingerprinted and
 * put on the wire alone.
 *
 * A file may use named types defined in other files, so that shared parts (the cause of an event,
 * say) are defined once. Avro has no imports, so the first use of an outside type is replaced by
 * its definition as written in its own file, with its namespace made explicit; later uses stay
 * references. Each named type must be defined in exactly one file; cycles between files are fine.
 * @throws Error naming the file, for a schema that is unnamed, undefined or invalid
 */
export function resolveSchemaFiles(files: readonly SchemaFile[]): ResolvedSchema[] {
  const definitions = collectDefinitions(files);
  return files.map(({ file, schema }) => {
    if (!isNamedDefinition(schema)) {
      throw new Error(`${file}: the top-level schema must be a named record, enum or fixed`);
    }
    const { expanded, inlined } = expand(file, schema, definitions);
    const type = parse(file, expanded);
    return { file, fullName: type.name as string, schema: expanded, type, inlined };
  });
}

function collectDefinitions(files: readonly SchemaFile[]): Map<string, { file: string; node: Json }> {
  const definitions = new Map<string, { file: string; node: Json }>();
  for (const { file, schema } of files) {
    walk(schema, '', {
      definition: (fullName, walkInside) => {
        const earlier = definitions.get(fullName);
        if (earlier) {
          throw new Error(`${fullName} is defined in ${earlier.file} and again in ${file}; define it once and refer to it by name`);
        }
        const node = walkInside() as Json;
        definitions.set(fullName, { file, node });
        return node;
      },
      reference: (name) => name,
    });
  }
  return definitions;
}

function expand(file: string, schema: Json, definitions: ReturnType<typeof collectDefinitions>) {
  const defined = new Set<string>();
  const inlined: string[] = [];
  const visitor: Visitor = {
    definition: (fullName, walkInside) => {
      // Only an inlined outside type can bring a second definition (of a type nested in it).
      if (defined.has(fullName)) return fullName;
      defined.add(fullName);
      return walkInside();
    },
    reference: (name, fullName) => {
      if (defined.has(fullName)) return name;
      const definition = definitions.get(fullName);
      if (!definition) {
        throw new Error(`${file}: type "${name}" (${fullName}) is not defined in this file nor in any other schema file`);
      }
      inlined.push(fullName);
      return walk(withExplicitNamespace(definition.node, fullName), '', visitor);
    },
  };
  return { expanded: walk(schema, '', visitor) as Json, inlined };
}

function walk(node: unknown, namespace: string, visitor: Visitor): unknown {
  if (typeof node === 'string') {
    return PRIMITIVES.has(node) ? node : visitor.reference(node, qualify(node, namespace));
  }
  if (Array.isArray(node)) return node.map((branch) => walk(branch, namespace, visitor));
  if (!isObject(node)) return node;
  if (isNamedDefinition(node)) {
    const own = typeof node.namespace === 'string' ? node.namespace : namespace;
    const fullName = qualify(node.name, own);
    const inner = namespaceOf(fullName);
    return visitor.definition(fullName, () =>
      Array.isArray(node.fields)
        ? { ...node, fields: node.fields.map((field: Json) => ({ ...field, type: walk(field.type, inner, visitor) })) }
        : node,
    );
  }
  if (node.type === 'array') return { ...node, items: walk(node.items, namespace, visitor) };
  if (node.type === 'map') return { ...node, values: walk(node.values, namespace, visitor) };
  return node;
}

/** Moved into another file's schema, a definition must carry its own namespace with it. */
function withExplicitNamespace(node: Json, fullName: string): Json {
  const namespace = namespaceOf(fullName);
  return (node.name as string).includes('.') || namespace === '' ? node : { ...node, namespace };
}

function parse(file: string, schema: Json): Type {
  try {
    return Type.forSchema(schema as AvscSchema);
  } catch (error) {
    throw new Error(`${file}: ${(error as Error).message}`);
  }
}

function isObject(node: unknown): node is Json {
  return typeof node === 'object' && node !== null && !Array.isArray(node);
}

function isNamedDefinition(node: unknown): node is Json & { name: string } {
  return isObject(node) && typeof node.type === 'string' && NAMED.has(node.type) && typeof node.name === 'string';
}

function qualify(name: string, namespace: string): string {
  return name.includes('.') || namespace === '' ? name : `${namespace}.${name}`;
}

function namespaceOf(fullName: string): string {
  return fullName.slice(0, Math.max(fullName.lastIndexOf('.'), 0));
}

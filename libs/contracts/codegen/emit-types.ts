import type { Type, types } from 'avsc';

type Field = types.Field & { readonly doc?: string };

/**
 * Every named type (record, enum, fixed) reachable from the given types, once per full name,
 * sorted by full name.
 */
export function collectNamedTypes(roots: readonly Type[]): Type[] {
  const found = new Map<string, Type>();
  const visit = (type: Type): void => {
    if (type.name !== undefined) {
      if (found.has(type.name)) return;
      found.set(type.name, type);
    }
    for (const child of childrenOf(type)) visit(child);
  };
  roots.forEach(visit);
  return [...found.keys()].sort().map((name) => found.get(name) as Type);
}

/** The TypeScript declaration of a named type, with JSDoc from its `doc`. */
export function declareNamedType(type: Type): string {
  const fullName = type.name as string;
  const name = shortName(fullName);
  if (type.typeName === 'enum') {
    const symbols = (type as types.EnumType).symbols.map((symbol) => `'${symbol}'`).join(' | ');
    return `${jsDoc([type.doc, `Avro enum \`${fullName}\`.`], '')}export type ${name} = ${symbols};`;
  }
  if (type.typeName === 'fixed') {
    const size = (type as types.FixedType).size;
    return `${jsDoc([type.doc, `Avro fixed \`${fullName}\`: ${size} bytes.`], '')}export type ${name} = Buffer;`;
  }
  const fields = (type as types.RecordType).fields.map((field) => declareField(field as Field)).join('\n');
  return `${jsDoc([type.doc, `Avro record \`${fullName}\`.`], '')}export interface ${name} {\n${fields}\n}`;
}

/**
 * The TypeScript type of values of an Avro type, as avsc represents them with its default options
 * (which the SchemaRegistry uses too): long as number, bytes and fixed as Buffer, unions unwrapped
 * unless ambiguous, in which case a branch is `{ [branchName]: value }`.
 */
export function tsType(type: Type): string {
  switch (type.typeName) {
    case 'null':
      return 'null';
    case 'boolean':
      return 'boolean';
    case 'int':
    case 'long':
    case 'float':
    case 'double':
      return 'number';
    case 'string':
      return 'string';
    case 'bytes':
      return 'Buffer';
    case 'array': {
      const items = tsType((type as types.ArrayType).itemsType);
      return items.includes(' | ') ? `(${items})[]` : `${items}[]`;
    }
    case 'map':
      return `Record<string, ${tsType((type as types.MapType).valuesType as Type)}>`;
    case 'union:unwrapped':
      return nullLast(branchesOf(type)).map(tsType).join(' | ');
    case 'union:wrapped':
      return nullLast(branchesOf(type))
        .map((branch) => (branch.typeName === 'null' ? 'null' : `{ '${branch.branchName}': ${tsType(branch)} }`))
        .join(' | ');
    default:
      if (type.name !== undefined) return shortName(type.name);
      throw new Error(`no TypeScript mapping for Avro type ${type.typeName}`);
  }
}

/** The identifier a named type gets in TypeScript: its name without namespace. */
export function shortName(fullName: string): string {
  return fullName.slice(fullName.lastIndexOf('.') + 1);
}

/** A JSDoc block from non-empty paragraphs, indented; empty when there is nothing to say. */
export function jsDoc(paragraphs: readonly (string | undefined)[], indent: string): string {
  const lines = paragraphs
    .filter((paragraph): paragraph is string => !!paragraph && paragraph.trim() !== '')
    .flatMap((paragraph, index) => [...(index > 0 ? [''] : []), ...paragraph.trim().split('\n')])
    .map((line) => line.trimEnd().replace(/\*\//g, '*\\/'));
  if (lines.length === 0) return '';
  if (lines.length === 1) return `${indent}/** ${lines[0]} */\n`;
  return `${indent}/**\n${lines.map((line) => `${indent} *${line ? ` ${line}` : ''}`).join('\n')}\n${indent} */\n`;
}

function declareField(field: Field): string {
  const fallback = field.defaultValue();
  const defaultDoc = fallback === undefined ? undefined : `@defaultValue \`${field.type.toString(fallback)}\``;
  return `${jsDoc([field.doc, defaultDoc], '  ')}  ${field.name}: ${tsType(field.type)};`;
}

function childrenOf(type: Type): Type[] {
  switch (type.typeName) {
    case 'record':
    case 'error':
      return (type as types.RecordType).fields.map((field) => field.type);
    case 'array':
      return [(type as types.ArrayType).itemsType];
    case 'map':
      return [(type as types.MapType).valuesType as Type];
    case 'union:unwrapped':
    case 'union:wrapped':
      return branchesOf(type);
    default:
      return [];
  }
}

function branchesOf(union: Type): Type[] {
  return (union as types.UnwrappedUnionType).types;
}

function nullLast(branches: readonly Type[]): Type[] {
  return [...branches.filter((t) => t.typeName !== 'null'), ...branches.filter((t) => t.typeName === 'null')];
}

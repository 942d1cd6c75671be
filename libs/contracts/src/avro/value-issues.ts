import type { Type, types } from 'avsc';
import type { ValueIssue } from './codec.errors';

/**
 * Every place where `value` does not fit `type`, or an empty list. Issues name the path and the
 * expected type, and describe the wrong value only by its kind: values may be personal data.
 */
export function findValueIssues(type: Type, value: unknown): ValueIssue[] {
  const issues: ValueIssue[] = [];
  type.isValid(value, {
    errorHook: (path, actual, expected) => {
      issues.push({ path: formatPath(path), problem: `expected ${typeLabel(expected)}, got ${kindOf(actual)}` });
    },
  });
  if (issues.length > 0) return issues;

  // avsc stops at a record with an undeclared field without looking inside it, so undeclared
  // fields are checked only once everything else is known to be valid.
  type.isValid(value, {
    noUndeclaredFields: true,
    errorHook: (path, actual, record) => {
      const declared = new Set((record as types.RecordType).fields.map((field) => field.name));
      for (const key of Object.keys(actual as object).filter((name) => !declared.has(name))) {
        issues.push({ path: formatPath([...path, key]), problem: `is not a field of ${record.name}` });
      }
    },
  });
  return issues;
}

function formatPath(path: readonly string[]): string {
  return path.length === 0 ? '(value)' : path.join('.');
}

function typeLabel(type: Type): string {
  const schema = type.schema({ noDeref: true });
  return typeof schema === 'string' ? schema : JSON.stringify(schema);
}

function kindOf(value: unknown): string {
  if (value === undefined) return 'nothing (missing)';
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  if (Buffer.isBuffer(value)) return 'a Buffer';
  if (typeof value === 'number') return Number.isInteger(value) ? 'an integer' : 'a non-integer number';
  return typeof value === 'object' ? 'an object' : `a ${typeof value}`;
}

import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';

/** One parsed `.avsc` file. */
export interface SchemaFile {
  /** Path relative to the schemas directory, with `/` separators (used in messages and JSDoc). */
  readonly file: string;
  readonly schema: unknown;
}

/**
 * Reads every `*.avsc` file under `dir`, sorted by path so that output never depends on the
 * order the file system lists them in. A missing directory holds no schemas.
 */
export function loadSchemaFiles(dir: string): SchemaFile[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .filter((name) => name.endsWith('.avsc'))
    .map((name) => name.split(path.sep).join('/'))
    .sort()
    .map((file) => ({ file, schema: parseJson(file, readFileSync(path.join(dir, file), 'utf8')) }));
}

function parseJson(file: string, text: string): unknown {
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new Error(`${file}: not valid JSON: ${(error as Error).message}`);
  }
}

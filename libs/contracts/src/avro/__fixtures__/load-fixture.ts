import { readFileSync } from 'node:fs';
import path from 'node:path';

/** Directory of the fixture schemas that the code generator tests read. */
export const CODEGEN_FIXTURES = path.join(__dirname, 'codegen');

/** Parses a fixture `.avsc` file, by path relative to this directory. */
export function readFixtureSchema(relativePath: string): object {
  return JSON.parse(readFileSync(path.join(__dirname, relativePath), 'utf8')) as object;
}

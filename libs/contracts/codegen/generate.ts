/**
 * Generates `libs/contracts/src/generated/` from the Avro schemas in `schemas/**\/*.avsc`:
 *
 *   npx ts-node libs/contracts/codegen/generate.ts           write the generated files
 *   npx ts-node libs/contracts/codegen/generate.ts --check   exit 1 if they are stale
 *
 * One named top-level schema per file. A file may use named types from other files (refer to
 * them by full name, or by short name within the same namespace); each is inlined into the
 * generated schema constant, so every constant is self-contained. See resolve-references.ts.
 */
import path from 'node:path';
import { generateContracts } from './generate-contracts';
import { staleFiles, writeGenerated } from './generated-dir';
import { loadSchemaFiles } from './load-schema-files';

const ROOT = path.resolve(__dirname, '../../..');
const SCHEMAS_DIR = path.join(ROOT, 'schemas');
const GENERATED_DIR = path.join(ROOT, 'libs/contracts/src/generated');

function main(args: readonly string[]): number {
  const schemaFiles = loadSchemaFiles(SCHEMAS_DIR);
  const files = generateContracts(schemaFiles);
  const shown = path.relative(ROOT, GENERATED_DIR);
  if (args.includes('--check')) {
    const stale = staleFiles(GENERATED_DIR, files);
    if (stale.length === 0) return 0;
    console.error(`${shown} is stale (${stale.join(', ')}); run \`npx nx run contracts:codegen\``);
    return 1;
  }
  const changed = writeGenerated(GENERATED_DIR, files);
  console.log(`${shown}: ${schemaFiles.length} schema file(s), ${changed.length} file(s) changed`);
  return 0;
}

try {
  process.exitCode = main(process.argv.slice(2));
} catch (error) {
  console.error(`contracts codegen failed: ${(error as Error).message}`);
  process.exitCode = 1;
}

import { execFileSync } from 'node:child_process';
import { join } from 'node:path';

/**
 * The domain libraries must stay pure (STYLE.md, issue 2): lint fails when one imports a
 * framework, Kafka, the database or the infra library. Checked by linting a probe file as if it
 * lived in each domain library.
 */
const ROOT = join(__dirname, '..', '..', '..', '..');
const DOMEIN_LIBS = ['libs/domein/src', 'libs/cascade/src', 'libs/aanlevering/src'];

/** Lints `code` as the file `bestand` with the repo's own ESLint config, in a process of its own. */
async function fouten(bestand: string, code: string): Promise<string[]> {
  let uitvoer: string;
  try {
    uitvoer = execFileSync(process.execPath, [join(ROOT, 'node_modules', 'eslint', 'bin', 'eslint.js'), '--format', 'json', '--stdin', '--stdin-filename', bestand], { cwd: ROOT, input: code, encoding: 'utf8' });
  } catch (error) {
    // eslint exits 1 when it found problems; its report is still on stdout
    uitvoer = (error as { stdout: string }).stdout;
  }
  const [resultaat] = JSON.parse(uitvoer) as { messages: { ruleId: string; message: string }[] }[];
  return resultaat.messages.filter((m) => m.ruleId === '@nx/enforce-module-boundaries').map((m) => m.message);
}

describe('module boundaries', () => {
  jest.setTimeout(60_000);

  it.each(DOMEIN_LIBS)('refuse Nest, kafkajs, TypeORM, pg and avsc in %s', async (map) => {
    const code = ["import '@nestjs/common';", "import 'kafkajs';", "import 'typeorm';", "import 'pg';", "import 'avsc';", ''].join('\n');
    const meldingen = await fouten(`${map}/zz-probe.ts`, code);
    for (const pakket of ['@nestjs/common', 'kafkajs', 'typeorm', 'pg', 'avsc']) {
      expect(meldingen).toContainEqual(expect.stringContaining(`not allowed to import "${pakket}"`));
    }
  });

  it('refuse the infra library in the cascade rules', async () => {
    const meldingen = await fouten('libs/cascade/src/zz-probe.ts', "import { KafkaClient } from '@bron/infra';\nexport const x = KafkaClient;\n");
    expect(meldingen.join('\n')).toMatch(/type:domain.*type:infra|Circular dependency/);
  });

  it('allow a domain library to use another domain library', async () => {
    expect(await fouten('libs/aanlevering/src/zz-probe.ts', "import { isGeldigeBrin } from '@bron/domein';\nexport const x = isGeldigeBrin;\n")).toEqual([]);
  });
});

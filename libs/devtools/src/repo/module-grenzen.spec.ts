import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * The module boundaries hold: domain libraries stay pure (no frameworks, Kafka, database or Avro
 * code, no I/O built-ins, no clock, no randomness), infra does not depend on domain code, and the
 * allowed directions (adapters on domain, contracts and infra; apps on adapters) stay open.
 *
 * Each rule and each forbidden item has a probe of its own: a few lines of code linted with the
 * repo's own ESLint config as if they lived at a given path. A forbidden probe must be reported by
 * the rule that guards it (not just by any rule), an allowed probe must produce no message at all,
 * so the spec fails as soon as a rule stops working or starts catching legitimate code.
 */
const ROOT = join(__dirname, '..', '..', '..', '..');

/** The domain libraries, found the way the lint config finds them: by their Nx tag. */
function projectsTagged(tag: string): string[] {
  return ['libs', 'apps']
    .flatMap((dir) => readdirSync(join(ROOT, dir), { withFileTypes: true }).filter((e) => e.isDirectory()).map((e) => `${dir}/${e.name}`))
    .filter((root) => existsSync(join(ROOT, root, 'project.json')))
    .filter((root) => ((JSON.parse(readFileSync(join(ROOT, root, 'project.json'), 'utf8')) as { tags?: string[] }).tags ?? []).includes(tag));
}
const DOMAIN_LIBS = projectsTagged('type:domain');

interface Probe {
  /** What the probe shows, for the test name. */
  readonly name: string;
  /** The path (relative to the repo) the code is linted as. */
  readonly file: string;
  readonly code: string;
  /** For a forbidden probe: the rule that must report it, and what its message must say. */
  readonly refusedBy?: { readonly ruleId: string; readonly message: RegExp };
}

interface LintMessage {
  readonly ruleId: string | null;
  readonly severity: number;
  readonly message: string;
}

const RESTRICTED_IMPORTS = 'no-restricted-imports';
const RESTRICTED_SYNTAX = 'no-restricted-syntax';
const NX = '@nx/enforce-module-boundaries';

const FRAMEWORK = /no framework, Kafka, database or Avro code/;
const IO = /no file, network, process or event-emitter I\/O/;
const ONLY_DOMAIN = /may only import other domain libraries/;
const CLOCK = /does not read the clock/;
const RANDOM = /does not draw random numbers/;
const FIXTURE_READ_ONLY = /may only read fixtures/;

/** Every banned package, by its root and by a deep path into it. */
const PACKAGES: readonly (readonly [root: string, deep: string])[] = [
  ['@nestjs/common', '@nestjs/common/decorators/core/injectable.decorator'],
  ['@nestjs/core', '@nestjs/core/nest-factory'],
  ['kafkajs', 'kafkajs/src/index'],
  ['typeorm', 'typeorm/data-source/DataSource'],
  ['pg', 'pg/lib/client'],
  ['avsc', 'avsc/lib/types'],
  ['express', 'express/lib/router'],
  ['rxjs', 'rxjs/operators'],
  ['reflect-metadata', 'reflect-metadata/Reflect'],
];

/** Every I/O built-in, bare, with `node:`, and a deep path of it where Node has one. */
const BUILTINS = ['fs', 'net', 'child_process', 'events'].flatMap((name) => [name, `node:${name}`]).concat(['fs/promises', 'node:fs/promises']);

/** The workspace libraries a domain library may not use. */
const NON_DOMAIN_LIBS = ['@bron/contracts', '@bron/infra', '@bron/adapters', '@bron/devtools'];

const CLOCK_AND_RANDOM: readonly (readonly [code: string, message: RegExp])[] = [
  ['export const nu = Date.now();', CLOCK],
  ['export const klok = Date.now;', CLOCK],
  ["export const nu = Date['now']();", CLOCK],
  ['export const nu = new Date();', CLOCK],
  ['export const nu = new Date;', CLOCK],
  ['export const nu = Date();', CLOCK],
  ['export const kans = Math.random();', RANDOM],
  ['export const trek = Math.random;', RANDOM],
  ["export const kans = Math['random']();", RANDOM],
];

function forbiddenInDomain(lib: string): Probe[] {
  const file = `${lib}/src/zz-module-grens-probe.ts`;
  const refused = (name: string, code: string, ruleId: string, message: RegExp): Probe => ({ name: `${lib}: ${name}`, file, code, refusedBy: { ruleId, message } });
  return [
    // Rule 1: frameworks and infrastructure, by every way a module can be loaded.
    ...PACKAGES.flatMap(([root, deep]) => [
      refused(`import '${root}' (no-restricted-imports)`, `import '${root}';\n`, RESTRICTED_IMPORTS, FRAMEWORK),
      refused(`import '${root}' (Nx rule)`, `import '${root}';\n`, NX, new RegExp(`not allowed to import "${root}"`)),
      refused(`import '${deep}'`, `import '${deep}';\n`, RESTRICTED_IMPORTS, FRAMEWORK),
    ]),
    refused("import type from 'pg/lib/client'", "import type { Client } from 'pg/lib/client';\nexport type C = Client;\n", RESTRICTED_IMPORTS, FRAMEWORK),
    refused("export * from 'typeorm/data-source/DataSource'", "export * from 'typeorm/data-source/DataSource';\n", RESTRICTED_IMPORTS, FRAMEWORK),
    refused("require('pg/lib/client')", "export const pg = require('pg/lib/client');\n", RESTRICTED_SYNTAX, FRAMEWORK),
    refused("import('kafkajs/src/index')", "export const laad = () => import('kafkajs/src/index');\n", RESTRICTED_SYNTAX, FRAMEWORK),
    refused("import x = require('@nestjs/common/decorators')", "import nest = require('@nestjs/common/decorators');\nexport const n = nest;\n", RESTRICTED_SYNTAX, FRAMEWORK),
    // Rule 2: built-ins that do I/O.
    ...BUILTINS.map((name) => refused(`import '${name}'`, `import '${name}';\n`, RESTRICTED_IMPORTS, IO)),
    refused("require('node:child_process')", "export const cp = require('node:child_process');\n", RESTRICTED_SYNTAX, IO),
    refused("import('node:fs/promises')", "export const laad = () => import('node:fs/promises');\n", RESTRICTED_SYNTAX, IO),
    refused("import x = require('events')", "import events = require('events');\nexport const e = events;\n", RESTRICTED_SYNTAX, IO),
    // Rule 3: the clock and randomness.
    ...CLOCK_AND_RANDOM.map(([code, message]) => refused(code, `${code}\n`, RESTRICTED_SYNTAX, message)),
    // Only domain libraries, also by a deep path or a relative path around the alias.
    ...NON_DOMAIN_LIBS.flatMap((alias) => [
      refused(`import '${alias}' (no-restricted-imports)`, `import '${alias}';\n`, RESTRICTED_IMPORTS, ONLY_DOMAIN),
      // A library that itself depends on domain code is refused as a cycle before its tag is looked at.
      refused(`import '${alias}' (Nx rule)`, `import '${alias}';\n`, NX, /type:domain" can only depend on libs tagged with "type:domain"|^Circular dependency between/),
    ]),
    refused("import '@bron/infra/src/config'", "import '@bron/infra/src/config';\n", RESTRICTED_IMPORTS, ONLY_DOMAIN),
    refused("import '../../infra/src/index'", "import '../../infra/src/index';\n", NX, /cannot be imported by a relative or absolute path/),
  ];
}

/** Tests of domain code may read a fixture with `readFileSync` from `node:fs`, and nothing more. */
function forbiddenInDomainTests(lib: string): Probe[] {
  const file = `${lib}/src/zz-module-grens-probe.spec.ts`;
  const refused = (name: string, code: string, ruleId: string, message: RegExp): Probe => ({ name: `${lib} spec: ${name}`, file, code, refusedBy: { ruleId, message } });
  return [
    ...BUILTINS.filter((name) => name !== 'node:fs').map((name) => refused(`import '${name}'`, `import '${name}';\n`, RESTRICTED_IMPORTS, IO)),
    refused("import { writeFileSync } from 'node:fs'", "import { writeFileSync } from 'node:fs';\nexport const w = writeFileSync;\n", RESTRICTED_IMPORTS, FIXTURE_READ_ONLY),
    refused("import * as fs from 'node:fs'", "import * as fs from 'node:fs';\nexport const f = fs;\n", RESTRICTED_IMPORTS, FIXTURE_READ_ONLY),
    refused("require('node:fs')", "export const fs = require('node:fs');\n", RESTRICTED_SYNTAX, IO),
    refused("import 'pg/lib/client'", "import 'pg/lib/client';\n", RESTRICTED_IMPORTS, FRAMEWORK),
    refused("import '@bron/infra'", "import '@bron/infra';\n", RESTRICTED_IMPORTS, ONLY_DOMAIN),
    refused('Date.now()', 'export const nu = Date.now();\n', RESTRICTED_SYNTAX, CLOCK),
    refused('new Date()', 'export const nu = new Date();\n', RESTRICTED_SYNTAX, CLOCK),
    refused('Math.random()', 'export const kans = Math.random();\n', RESTRICTED_SYNTAX, RANDOM),
  ];
}

const FIXTURE_READ = "import { readFileSync } from 'node:fs';\nimport { join } from 'node:path';\nexport const csv = readFileSync(join(__dirname, 'kwalificaties.csv'), 'utf8');\n";

const FORBIDDEN: Probe[] = [
  ...DOMAIN_LIBS.flatMap((lib) => [...forbiddenInDomain(lib), ...forbiddenInDomainTests(lib)]),
  {
    name: "libs/cascade testing support: import 'node:child_process'",
    file: 'libs/cascade/src/testing/zz-module-grens-probe.ts',
    code: "import 'node:child_process';\n",
    refusedBy: { ruleId: RESTRICTED_IMPORTS, message: IO },
  },
  {
    name: 'libs/cascade testing support: Date.now()',
    file: 'libs/cascade/src/testing/zz-module-grens-probe.ts',
    code: 'export const nu = Date.now();\n',
    refusedBy: { ruleId: RESTRICTED_SYNTAX, message: CLOCK },
  },
  // Rule 4: infra depends on contracts only, never on domain code (nor on the adapters above it).
  ...['@bron/cascade', '@bron/domein', '@bron/aanlevering-domein', '@bron/adapters'].map(
    (alias): Probe => ({
      name: `libs/infra: import '${alias}'`,
      file: 'libs/infra/src/zz-module-grens-probe.ts',
      code: `import '${alias}';\n`,
      refusedBy: { ruleId: NX, message: /type:infra" can only depend on libs tagged with "type:contracts"|^Circular dependency between "infra"/ },
    }),
  ),
];

const allowed = (name: string, file: string, code: string): Probe => ({ name, file, code });

const ALLOWED: Probe[] = [
  ...DOMAIN_LIBS.flatMap((lib) => [
    allowed(`${lib}: new Date('2020-01-01')`, `${lib}/src/zz-module-grens-probe.ts`, "export const teldatum = new Date('2020-01-01');\n"),
    allowed(`${lib}: new Date(2020, 9, 1), Date.UTC, Date.parse`, `${lib}/src/zz-module-grens-probe.ts`, "export const teldata = [new Date(2020, 9, 1), Date.UTC(2020, 9, 1), Date.parse('2020-10-01')];\n"),
    allowed(`${lib}: Math.floor`, `${lib}/src/zz-module-grens-probe.ts`, 'export const jaar = Math.floor(2020.75);\n'),
    allowed(`${lib} spec: reads a fixture with readFileSync from node:fs`, `${lib}/src/zz-module-grens-probe.spec.ts`, FIXTURE_READ),
  ]),
  allowed('libs/cascade testing support: reads a fixture with readFileSync from node:fs', 'libs/cascade/src/testing/zz-module-grens-probe.ts', FIXTURE_READ),
  allowed('libs/aanlevering: imports the domein library', 'libs/aanlevering/src/zz-module-grens-probe.ts', "import { isGeldigeBrin } from '@bron/domein';\nexport const x = isGeldigeBrin;\n"),
  allowed('libs/cascade: imports the domein library', 'libs/cascade/src/zz-module-grens-probe.ts', "import { isGeldigeBrin } from '@bron/domein';\nexport const x = isGeldigeBrin;\n"),
  allowed('libs/infra: imports contracts', 'libs/infra/src/zz-module-grens-probe.ts', "import { Headers } from '@bron/contracts';\nexport const x = Headers;\n"),
  allowed('libs/adapters: imports domain, contracts and infra', 'libs/adapters/src/zz-module-grens-probe.ts', "import { kwalificaties2015 } from '@bron/cascade';\nimport { Headers } from '@bron/contracts';\nimport { nieuwBericht } from '@bron/infra';\nexport const x = [kwalificaties2015, Headers, nieuwBericht];\n"),
  allowed('apps/bekostiging: imports adapters', 'apps/bekostiging/src/zz-module-grens-probe.ts', "import { laadKwalificaties } from '@bron/adapters';\nexport const x = laadKwalificaties;\n"),
  allowed('apps/bekostiging: may read the clock (the rules are for domain code only)', 'apps/bekostiging/src/zz-module-grens-probe.ts', 'export const nu = Date.now();\n'),
];

/**
 * Lints every probe in one Node process through the ESLint API (jest cannot load the repo's ESM
 * config in-process). Returns each probe's messages, in order.
 *
 * The Nx rule judges imports by the project graph Nx last cached, and skips itself when there is
 * none, so the graph is brought up to date first: a stale one would miss a new library.
 */
function lintAll(probes: readonly Probe[]): LintMessage[][] {
  // Nx may print warnings on stdout; the results are what follows the marker.
  const marker = '\n--- lint results ---\n';
  const script = `
    const MARKER = ${JSON.stringify(marker)};
    const { ESLint } = require('eslint');
    const { createProjectGraphAsync } = require('@nx/devkit');
    const chunks = [];
    process.stdin.on('data', (c) => chunks.push(c)).on('end', async () => {
      const probes = JSON.parse(Buffer.concat(chunks).toString('utf8'));
      await createProjectGraphAsync({ exitOnError: true });
      const eslint = new ESLint({ cwd: process.cwd() });
      const results = [];
      for (const { filePath, code } of probes) {
        const [result] = await eslint.lintText(code, { filePath, warnIgnored: true });
        results.push(result.messages.map(({ ruleId, severity, message }) => ({ ruleId, severity, message })));
      }
      process.stdout.write(MARKER + JSON.stringify(results));
    });`;
  const input = JSON.stringify(probes.map((p) => ({ filePath: join(ROOT, p.file), code: p.code })));
  const output = execFileSync(process.execPath, ['-e', script], { cwd: ROOT, input, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024, env: { ...process.env, NX_DAEMON: 'false' } });
  return JSON.parse(output.slice(output.lastIndexOf(marker) + marker.length)) as LintMessage[][];
}

describe('module boundaries', () => {
  jest.setTimeout(60_000);
  const messages = new Map<Probe, LintMessage[]>();

  beforeAll(() => {
    const probes = [...FORBIDDEN, ...ALLOWED];
    lintAll(probes).forEach((m, i) => messages.set(probes[i], m));
  });

  it('finds the domain libraries by their tag', () => {
    expect(DOMAIN_LIBS).toEqual(expect.arrayContaining(['libs/domein', 'libs/cascade', 'libs/aanlevering']));
  });

  it.each(FORBIDDEN.map((p) => [p.name, p] as const))('refuses %s', (_name, probe) => {
    const { ruleId, message } = probe.refusedBy!;
    expect(messages.get(probe)).toContainEqual(expect.objectContaining({ ruleId, severity: 2, message: expect.stringMatching(message) }));
  });

  it.each(ALLOWED.map((p) => [p.name, p] as const))('allows %s', (_name, probe) => {
    expect(messages.get(probe)).toEqual([]);
  });
});

import nx from '@nx/eslint-plugin';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import tseslint from 'typescript-eslint';

const ROOT = dirname(fileURLToPath(import.meta.url));

/**
 * The roots of the Nx projects tagged `tag`, read from their project.json, so that a new domain
 * library gets the purity rules below the moment it is tagged, without touching this file.
 */
function projectsTagged(tag) {
  return ['libs', 'apps']
    .flatMap((dir) => readdirSync(join(ROOT, dir), { withFileTypes: true }).filter((e) => e.isDirectory()).map((e) => `${dir}/${e.name}`))
    .filter((root) => existsSync(join(ROOT, root, 'project.json')))
    .filter((root) => (JSON.parse(readFileSync(join(ROOT, root, 'project.json'), 'utf8')).tags ?? []).includes(tag));
}

const DOMAIN_LIBS = projectsTagged('type:domain');

/** Import aliases of the workspace libraries that are not domain libraries (contracts, infra, ...). */
const NON_DOMAIN_ALIASES = Object.entries(JSON.parse(readFileSync(join(ROOT, 'tsconfig.base.json'), 'utf8')).compilerOptions.paths)
  .filter(([, [target]]) => !DOMAIN_LIBS.some((root) => target.startsWith(`${root}/`)))
  .map(([alias]) => alias);

/** Frameworks and infrastructure that pure domain code must never import, in the Nx rule's notation. */
const INFRASTRUCTURE = ['@nestjs/*', 'kafkajs', 'typeorm', 'pg', 'avsc', 'express', 'rxjs', 'reflect-metadata'];

/** Node built-ins that do I/O or carry hidden state; domain code gets its data handed in instead. */
const IO_BUILTINS = ['fs', 'net', 'child_process', 'events'];

const escape = (text) => text.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
const alternatives = (names) => names.map(escape).join('|');

// Every module specifier pattern below matches the package itself and any deep path inside it
// (`pg` and `pg/lib/client`, `@nestjs/common/decorators/x`), and not a package that merely starts
// with the same letters (`pg-pool`). Slashes are escaped so the same source also works inside an
// AST selector regex.
const FRAMEWORK_SPECIFIER = `^(@nestjs(\\/.*)?|(${alternatives(INFRASTRUCTURE.filter((p) => !p.includes('*')))})(\\/.*)?)$`;
const IO_SPECIFIER = `^(node:)?(${alternatives(IO_BUILTINS)})(\\/.*)?$`;
/** The same, except exactly `node:fs`, which tests may use to read a fixture. */
const IO_SPECIFIER_EXCEPT_NODE_FS = `^(?!node:fs$)(node:)?(${alternatives(IO_BUILTINS)})(\\/.*)?$`;
const NON_DOMAIN_LIB_SPECIFIER = `^(${alternatives(NON_DOMAIN_ALIASES)})(\\/.*)?$`;

const FRAMEWORK_MESSAGE = 'Domain code is pure: no framework, Kafka, database or Avro code (not even a deep path into one). Adapters and apps wire it to those.';
const IO_MESSAGE = 'Domain code is pure: no file, network, process or event-emitter I/O. The caller reads or sends, and passes the data in.';
const NON_DOMAIN_LIB_MESSAGE = 'A domain library may only import other domain libraries.';
const CLOCK_MESSAGE = 'Domain code is pure: it does not read the clock. Take the moment (a peildatum, or a clock function) as a parameter from the caller.';
const RANDOM_MESSAGE = 'Domain code is pure: it does not draw random numbers. Take the value (or a generator) as a parameter from the caller.';

/** `no-restricted-imports` for domain code; `ioSpecifier` is where tests get their one exemption. */
function restrictedImports(ioSpecifier, paths = []) {
  return [
    'error',
    {
      paths,
      patterns: [
        { regex: FRAMEWORK_SPECIFIER, message: FRAMEWORK_MESSAGE },
        { regex: ioSpecifier, message: IO_MESSAGE },
        { regex: NON_DOMAIN_LIB_SPECIFIER, message: NON_DOMAIN_LIB_MESSAGE },
      ],
    },
  ];
}

/** The same specifiers reached without an import statement: `require(...)`, `import(...)`, `import x = require(...)`. */
const moduleLoads = (specifier, message) =>
  [`CallExpression[callee.name='require'][arguments.0.value=/${specifier}/]`, `ImportExpression[source.value=/${specifier}/]`, `TSExternalModuleReference[expression.value=/${specifier}/]`].map(
    (selector) => ({ selector, message }),
  );

const DOMAIN_SYNTAX = [
  ...moduleLoads(FRAMEWORK_SPECIFIER, FRAMEWORK_MESSAGE),
  ...moduleLoads(IO_SPECIFIER, IO_MESSAGE),
  ...moduleLoads(NON_DOMAIN_LIB_SPECIFIER, NON_DOMAIN_LIB_MESSAGE),
  // `Date.now` is refused as a value too, so `const nu = Date.now` cannot slip through.
  { selector: "MemberExpression[object.name='Date']:matches([computed=false][property.name='now'], [property.value='now'])", message: CLOCK_MESSAGE },
  { selector: "NewExpression[callee.name='Date'][arguments.length=0]", message: CLOCK_MESSAGE },
  // `Date()` without `new` returns the current time as a string.
  { selector: "CallExpression[callee.name='Date']", message: CLOCK_MESSAGE },
  { selector: "MemberExpression[object.name='Math']:matches([computed=false][property.name='random'], [property.value='random'])", message: RANDOM_MESSAGE },
];

const sourcesOf = (root) => `${root}/src/**/*.{ts,mts,cts,js,mjs,cjs}`;

export default [
  { ignores: ['**/node_modules/**', '**/dist/**', '**/tmp/**', '**/generated/**', 'infra/kafka/libs/**', '.nx/**'] },
  ...tseslint.configs.recommended,
  {
    files: ['**/*.ts'],
    plugins: { '@nx': nx },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@nx/enforce-module-boundaries': [
        'error',
        {
          enforceBuildableLibDependency: false,
          allow: [],
          depConstraints: [
            { sourceTag: 'type:domain', onlyDependOnLibsWithTags: ['type:domain'], bannedExternalImports: INFRASTRUCTURE },
            { sourceTag: 'type:contracts', onlyDependOnLibsWithTags: [], bannedExternalImports: ['@nestjs/*', 'kafkajs', 'typeorm', 'pg'] },
            { sourceTag: 'type:infra', onlyDependOnLibsWithTags: ['type:contracts'] },
            { sourceTag: 'type:adapter', onlyDependOnLibsWithTags: ['type:domain', 'type:contracts', 'type:infra'] },
            { sourceTag: 'type:app', onlyDependOnLibsWithTags: ['type:domain', 'type:contracts', 'type:infra', 'type:adapter'] },
            { sourceTag: 'type:tooling', onlyDependOnLibsWithTags: ['type:domain', 'type:contracts', 'type:infra', 'type:adapter'] },
            { sourceTag: 'type:e2e', onlyDependOnLibsWithTags: ['type:domain', 'type:contracts', 'type:infra', 'type:adapter', 'type:tooling'] },
            { sourceTag: 'type:infra-tooling', onlyDependOnLibsWithTags: [] },
          ],
        },
      ],
    },
  },
  {
    files: ['**/*.js', '**/*.cjs'],
    languageOptions: { sourceType: 'commonjs', globals: { require: 'readonly', module: 'writable', process: 'readonly', __dirname: 'readonly', console: 'readonly' } },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
  {
    // Pure domain code: no frameworks, no I/O, no clock, no randomness. The Nx rule above checks
    // the package roots; these rules also catch deep paths, built-ins and non-import loads.
    files: DOMAIN_LIBS.map(sourcesOf),
    rules: {
      'no-restricted-imports': restrictedImports(IO_SPECIFIER),
      'no-restricted-syntax': ['error', ...DOMAIN_SYNTAX],
    },
  },
  {
    // Tests of domain code (and the cascade's test support, which the library does not export)
    // may read a fixture file. That is the only exemption: `readFileSync` from `node:fs`; every
    // other rule, the clock and randomness included, still holds.
    files: [...DOMAIN_LIBS.map((root) => `${root}/src/**/*.spec.ts`), 'libs/cascade/src/testing/**/*.ts'],
    rules: {
      'no-restricted-imports': restrictedImports(IO_SPECIFIER_EXCEPT_NODE_FS, [
        { name: 'node:fs', allowImportNames: ['readFileSync'], message: 'Tests of domain code may only read fixtures (readFileSync).' },
      ]),
    },
  },
];

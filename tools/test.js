// `npm test`: every unit and integration test of the workspace against a real Kafka broker (the
// repo's own, started here unless KAFKA_BROKERS points at one) and PostgreSQL, then one closing
// line `N passed, N failed` with jest's totals over all projects.
const { spawnSync } = require('node:child_process');
const fs = require('node:fs');
const path = require('node:path');

const { zorgVoorSysteempakketten } = require('./systeempakketten');

const root = path.join(__dirname, '..');
zorgVoorSysteempakketten();
const totalsDir = path.join(root, 'tmp', 'test-totals');
fs.rmSync(totalsDir, { recursive: true, force: true });

const nx = ['nx', 'run-many', '-t', 'test', 'int-test', '--parallel=1', '--skip-nx-cache', '--outputStyle=stream', ...process.argv.slice(2)];
const run = spawnSync(process.execPath, [path.join(root, 'infra', 'kafka', 'kafka.js'), 'run', '--', 'npx', ...nx], {
  cwd: root,
  stdio: 'inherit',
  env: { ...process.env, NX_DAEMON: 'false', NX_NO_CLOUD: 'true' },
});

const totals = { passed: 0, failed: 0, skipped: 0 };
const files = fs.existsSync(totalsDir) ? fs.readdirSync(totalsDir) : [];
for (const file of files) {
  const t = JSON.parse(fs.readFileSync(path.join(totalsDir, file), 'utf8'));
  totals.passed += t.passed;
  totals.failed += t.failed;
  totals.skipped += t.skipped;
}
const exitCode = run.status ?? 1;
// A run that failed before or outside jest (a broken config, a crashed broker) must not look green.
if (exitCode !== 0 && totals.failed === 0) totals.failed = 1;
process.stdout.write(`\n${totals.passed} passed, ${totals.failed} failed${totals.skipped ? `, ${totals.skipped} skipped` : ''}\n`);
process.exit(exitCode !== 0 || totals.failed > 0 ? 1 : 0);

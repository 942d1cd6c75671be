// The programs some tests drive besides Node, Kafka and PostgreSQL: kcat (the README's example of
// an instelling reading its own topics) and LibreOffice (opens the foto's XLSX as a user would).
// Installed from Debian's packages when missing and this runs as root with apt-get; otherwise it
// says what to install, and the tests that need them fail with that message.
//   node tools/systeempakketten.js
'use strict';
const { spawnSync } = require('node:child_process');

const PAKKETTEN = [
  { programma: 'kcat', pakket: 'kcat', waarvoor: 'het kcat-voorbeeld van de README' },
  { programma: 'soffice', pakket: 'libreoffice-calc', waarvoor: 'de XLSX-foto openen met LibreOffice' },
];

const heeft = (programma) => spawnSync('sh', ['-c', `command -v ${programma}`], { stdio: 'ignore' }).status === 0;

function apt(args) {
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  return spawnSync('apt-get', args, { stdio: ['ignore', 'ignore', 'inherit'], env }).status === 0;
}

/** Installs what is missing; returns the packages that are still missing. */
function zorgVoorSysteempakketten(log = (m) => process.stderr.write(`${m}\n`)) {
  const ontbrekend = PAKKETTEN.filter((p) => !heeft(p.programma));
  if (ontbrekend.length === 0) return [];
  const namen = ontbrekend.map((p) => p.pakket);
  const kan = process.getuid?.() === 0 && heeft('apt-get');
  if (kan) {
    log(`systeempakketten installeren: ${namen.join(', ')} (${ontbrekend.map((p) => p.waarvoor).join('; ')})`);
    const args = ['install', '-y', '--no-install-recommends', ...namen];
    // a fresh machine may have no package lists yet
    if (!apt(args)) apt(['update']) && apt(args);
  }
  const nogSteeds = ontbrekend.filter((p) => !heeft(p.programma));
  if (nogSteeds.length > 0) log(`ontbreekt: ${nogSteeds.map((p) => `${p.programma} (Debian-pakket ${p.pakket}, voor ${p.waarvoor})`).join(', ')}; de tests die het nodig hebben falen`);
  return nogSteeds.map((p) => p.pakket);
}

if (require.main === module) process.exitCode = zorgVoorSysteempakketten().length === 0 ? 0 : 1;

module.exports = { zorgVoorSysteempakketten };

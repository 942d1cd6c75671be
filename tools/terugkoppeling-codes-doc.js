// Rewrites the table of docs/terugkoppeling-codes.md from the catalogue in
// libs/aanlevering/src/terugkoppeling-codes.ts (a test checks that the two agree).
require('./register');
const fs = require('node:fs');
const path = require('node:path');
const { TERUGKOPPELING_CODES } = require('../libs/aanlevering/src/terugkoppeling-codes');

const doc = path.join(__dirname, '..', 'docs', 'terugkoppeling-codes.md');
const rijen = Object.entries(TERUGKOPPELING_CODES).map(([code, { soort, tekst }]) => {
  const parameters = [...tekst.matchAll(/\{(\w+)\}/g)].map((m) => `\`${m[1]}\``).join(', ') || '-';
  return `| \`${code}\` | ${soort} | ${tekst} | ${parameters} |`;
});
const tekst = fs.readFileSync(doc, 'utf8');
const kop = '| code | soort | tekst | parameters |\n|---|---|---|---|\n';
const begin = tekst.indexOf(kop);
fs.writeFileSync(doc, tekst.slice(0, begin) + kop + rijen.join('\n') + '\n');

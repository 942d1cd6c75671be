#!/usr/bin/env node
require('../../../tools/register');
require('../src/main').main(process.argv.slice(2)).then(
  (code) => { process.exitCode = code; },
  (error) => { process.stderr.write(`bron: ${error && error.message ? error.message : error}\n`); process.exitCode = 1; },
);

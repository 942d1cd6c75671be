#!/usr/bin/env node
require('../../../tools/register');
// exitCode rather than process.exit(): the process ends with that code once stdout and stderr
// have been flushed, so output piped to another program is never cut off.
require('../src/main').main(process.argv.slice(2)).then(
  (code) => { process.exitCode = code; },
  // runBron does not reject; this only catches a failure of the shell itself.
  (error) => { process.stderr.write(`bron: ${error && error.message ? error.message : error}\n`); process.exitCode = 1; },
);

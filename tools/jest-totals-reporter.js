// Writes each jest run's totals to tmp/test-totals/, so that tools/test.js can print one
// `N passed, N failed` line for the whole workspace (CI reads that line).
const fs = require('node:fs');
const path = require('node:path');

class JestTotalsReporter {
  constructor(globalConfig) {
    this.globalConfig = globalConfig;
  }

  onRunComplete(_contexts, results) {
    const dir = path.join(__dirname, '..', 'tmp', 'test-totals');
    fs.mkdirSync(dir, { recursive: true });
    const name = `${process.pid}-${Date.now()}.json`;
    const totals = {
      config: this.globalConfig.rootDir,
      passed: results.numPassedTests,
      failed: results.numFailedTests + results.numRuntimeErrorTestSuites,
      skipped: results.numPendingTests + results.numTodoTests,
    };
    fs.writeFileSync(path.join(dir, name), JSON.stringify(totals));
  }
}

module.exports = JestTotalsReporter;

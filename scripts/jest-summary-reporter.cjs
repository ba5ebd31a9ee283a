// A jest reporter that records a package's totals in <package>/.test-results/<kind>.json (a turbo
// output of the test tasks, so a cached run restores it), so the root test command can print one
// closing line for the whole monorepo (scripts/test-summary.mjs). `missing` lists what the machine
// lacked (scripts/jest-requirements.mjs), which is why the skipped tests were skipped.
const { mkdirSync, readFileSync, writeFileSync } = require('node:fs');
const { join } = require('node:path');

class SummaryReporter {
  constructor(globalConfig) {
    this.rootDir = globalConfig.rootDir;
  }
  onRunComplete(_contexts, results) {
    const pkg = JSON.parse(readFileSync(join(this.rootDir, 'package.json'), 'utf8'));
    const dir = join(this.rootDir, '.test-results');
    mkdirSync(dir, { recursive: true });
    const kind = process.env.SNN_TEST_KIND || 'test';
    writeFileSync(
      join(dir, `${kind}.json`),
      JSON.stringify({
        package: pkg.name,
        kind,
        passed: results.numPassedTests,
        failed: results.numFailedTests,
        skipped: results.numPendingTests + results.numTodoTests,
        // A suite that cannot even load counts as a failure, not as zero tests.
        failedSuites: results.numFailedTestSuites,
        missing: (process.env.SNN_TEST_MISSING || '').split(',').filter(Boolean),
      }),
    );
  }
}
module.exports = SummaryReporter;

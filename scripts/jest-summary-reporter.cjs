// A jest reporter that records each package's totals in <repo>/.test-results/<package>.json, so the
// root test command can print one closing line for the whole monorepo (scripts/test-summary.mjs).
const { mkdirSync, readFileSync, writeFileSync } = require('node:fs');
const { join, resolve } = require('node:path');

class SummaryReporter {
  constructor(globalConfig) {
    this.rootDir = globalConfig.rootDir;
  }
  onRunComplete(_contexts, results) {
    const pkg = JSON.parse(readFileSync(join(this.rootDir, 'package.json'), 'utf8'));
    const dir = resolve(__dirname, '..', '.test-results');
    mkdirSync(dir, { recursive: true });
    const kind = process.env.SNN_TEST_KIND || 'test';
    const file = join(dir, `${pkg.name.replace(/[@/]/g, '_')}.${kind}.json`);
    writeFileSync(
      file,
      JSON.stringify({
        package: pkg.name,
        kind,
        passed: results.numPassedTests,
        failed: results.numFailedTests,
        skipped: results.numPendingTests + results.numTodoTests,
      }),
    );
  }
}
module.exports = SummaryReporter;

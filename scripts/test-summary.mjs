#!/usr/bin/env node
// Prints one closing line for every package's jest run (see jest-summary-reporter.cjs).
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const dir = join(resolve(dirname(fileURLToPath(import.meta.url)), '..'), '.test-results');
const results = existsSync(dir)
  ? readdirSync(dir).filter((f) => f.endsWith('.json')).map((f) => JSON.parse(readFileSync(join(dir, f), 'utf8')))
  : [];
const total = { passed: 0, failed: 0, skipped: 0 };
for (const r of results) {
  console.log(`  ${r.package} (${r.kind}): ${r.passed} passed, ${r.failed} failed, ${r.skipped} skipped`);
  total.passed += r.passed;
  total.failed += r.failed;
  total.skipped += r.skipped;
}
console.log(`tests: ${total.passed} passed, ${total.failed} failed, ${total.skipped} skipped`);
process.exit(total.failed > 0 || total.passed === 0 ? 1 : 0);

#!/usr/bin/env node
// The body of `npm test` (after `npm run setup`): builds, type-checks, lints and tests every package
// with turbo (and the API docs), runs the packaging and release checks, then prints the summary as the last lines. Turbo runs with
// --continue, so one package's failure never hides the others' results; the exit status is non-zero
// when anything failed.
import { rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { pnpm } from './pnpm.mjs';
import { ROOT, summarize, workspaceDirs } from './test-summary.mjs';

/** What `npm test` asks turbo for: every task of every package, none stopping the others. */
export const TURBO_ARGS = [
  'turbo',
  'run',
  'build',
  'typecheck',
  'lint',
  'test',
  'test:gpu',
  'docs',
  '--concurrency=3',
  '--continue',
];

function main() {
  const run = (args) => pnpm(args, ROOT);
  // Results of earlier runs must not be counted: turbo restores those of cached tasks.
  for (const dir of workspaceDirs()) rmSync(join(dir, '.test-results'), { recursive: true, force: true });
  const turbo = run(TURBO_ARGS);
  const pack = run(['run', 'pack-check']);
  const release = run(['run', 'release-check']);
  console.log('');
  if (turbo !== 0) console.log('failed: a build, typecheck, lint, test or docs task (see its output above)');
  if (pack !== 0) console.log('failed: the packaging check (see above)');
  if (release !== 0) console.log('failed: the release check (see above)');
  // The summary's last line: `tests: N passed, M failed, K skipped`.
  const total = summarize();
  return turbo !== 0 || pack !== 0 || release !== 0 || total.failed > 0 || total.passed === 0 ? 1 : 0;
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  process.exit(main());
}

#!/usr/bin/env node
// `pnpm api:check` compares every public package's API reports (packages/*/api/*.api.md) with the
// built declarations; `npm run api:update` (this with --update) rewrites them. Run after a build.
import { checkApiReports } from '../api/all-reports.js';
import { CheckLog } from '../report/checks.js';
import { findRepoRoot, publicPackages } from '../workspace/packages.js';

const update = process.argv.includes('--update');
const root = findRepoRoot();
const log = new CheckLog();
await checkApiReports(root, await publicPackages(root), log, update);
console.log(log.summaryLine('API reports'));
process.exit(log.counts.failed > 0 ? 1 : 0);

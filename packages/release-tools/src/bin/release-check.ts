#!/usr/bin/env node
// `npm run release-check` (part of `npm test`; run after a build): the release pipeline end to end.
// API reports match; a local verdaccio (127.0.0.1, throwaway storage) receives every public @snn
// package from `changeset version` + `pnpm -r publish` on a scratch copy; each published tarball
// passes publint and arethetypeswrong; each installs alone into an empty project (size measured,
// checked against its README; @snn/core alone pulls in nothing else); and a fresh npm project and a
// fresh pnpm project install the user set from the registry, train the recurrent preset on MNIST
// and run one inference. `--update-sizes` rewrites the README size sections; `--keep` keeps the
// temp folder.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { checkApiReports } from '../api/all-reports.js';
import { checkConsumers } from '../consumer/consumer-checks.js';
import { checkPackageLints } from '../lint/lint-checks.js';
import { checkPublish } from '../publish/publish-checks.js';
import { type LocalRegistry, startLocalRegistry } from '../registry/local-registry.js';
import { CheckLog } from '../report/checks.js';
import { checkSizes } from '../sizes/size-checks.js';
import { findRepoRoot, workspacePackages } from '../workspace/packages.js';

const updateSizes = process.argv.includes('--update-sizes');
const keep = process.argv.includes('--keep');
const root = findRepoRoot();
const all = await workspacePackages(root);
const publicPackages = all.filter((p) => !p.private);
const log = new CheckLog();
const work = mkdtempSync(join(tmpdir(), 'snn-release-check-'));
console.log(`release check: ${publicPackages.map((p) => p.name).join(', ')}`);

let registry: LocalRegistry | undefined;
try {
  await checkApiReports(root, publicPackages, log, false);
  await log.check('local registry (verdaccio, 127.0.0.1, throwaway storage)', async () => {
    registry = await startLocalRegistry(join(work, 'registry'));
    return [registry.url];
  });
  if (registry) {
    const published = await checkPublish(root, all, join(work, 'scratch'), registry, log);
    if (published) {
      const tarballs = await checkPackageLints(publicPackages, published, join(work, 'tarballs'), log);
      await checkSizes(publicPackages, published, tarballs, join(work, 'alone'), registry, log, updateSizes);
      await checkConsumers(published, join(work, 'consumers'), registry, log);
    }
  }
} finally {
  await registry?.stop();
  if (keep) console.log(`kept ${work}`);
  else rmSync(work, { recursive: true, force: true });
}
log.writeSummary(join(root, '.test-results'), '@snn/release-tools', 'release');
console.log(log.summaryLine());
process.exit(log.counts.failed > 0 ? 1 : 0);

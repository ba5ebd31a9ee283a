import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { CheckFailure, type CheckLog } from '../report/checks.js';
import { exportEntries } from '../workspace/export-entries.js';
import type { WorkspacePackage } from '../workspace/packages.js';
import { checkReport, removeFiles, staleReports } from './api-report.js';

/**
 * One check per public package: every entry point's API report matches the committed one (or, with
 * `update`, is rewritten), and no report is left for an entry point that is gone.
 */
export async function checkApiReports(
  root: string,
  packages: readonly WorkspacePackage[],
  log: CheckLog,
  update: boolean,
): Promise<void> {
  const tempDir = mkdtempSync(join(tmpdir(), 'snn-api-report-'));
  try {
    for (const pkg of packages) {
      await log.check(`API report ${pkg.name}`, () => {
        const entries = exportEntries(pkg.manifest);
        const problems: string[] = [];
        const notes: string[] = [];
        for (const entry of entries) {
          const outcome = checkReport(pkg, entry, tempDir, update);
          const where = relative(root, outcome.reportPath);
          problems.push(...outcome.errors);
          if (outcome.status === 'changed') {
            problems.push(
              `${entry.specifier}: the public API differs from ${where}:`,
              ...outcome.diff.map((l) => `  ${l}`),
            );
          } else if (outcome.status === 'missing') {
            problems.push(`${entry.specifier}: no API report at ${where}`);
          } else if (outcome.status !== 'unchanged') {
            notes.push(`${outcome.status} ${where}`);
          }
        }
        const stale = staleReports(pkg, entries);
        if (update) {
          removeFiles(stale);
          notes.push(...stale.map((f) => `removed ${relative(root, f)} (no such entry point)`));
        } else {
          problems.push(
            ...stale.map((f) => `${relative(root, f)} reports an entry point the package no longer exports`),
          );
        }
        if (problems.length) {
          throw new CheckFailure([
            ...problems,
            'If the change is intended, run `npm run api:update` and commit the reports; a removed or changed',
            'signature is a breaking change and needs a major changeset (minor while we are on 0.x).',
          ]);
        }
        return notes;
      });
    }
  } finally {
    rmSync(tempDir, { recursive: true, force: true });
  }
}

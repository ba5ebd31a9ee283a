import { copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import {
  Extractor,
  ExtractorConfig,
  ExtractorLogLevel,
  type ExtractorMessage,
} from '@microsoft/api-extractor';
import type { ExportEntry } from '../workspace/export-entries.js';
import type { WorkspacePackage } from '../workspace/packages.js';

/** Where a package's committed API reports live: `<package>/api/<name>.api.md`, one per entry point. */
export const API_FOLDER = 'api';

export const reportFileName = (entry: ExportEntry) => `${entry.reportName}.api.md`;

export type ReportStatus = 'unchanged' | 'changed' | 'missing' | 'updated' | 'created';

export interface ReportOutcome {
  readonly specifier: string;
  readonly reportPath: string;
  readonly status: ReportStatus;
  /** Lines only in the committed report (-) and only in the new one (+), the first few of each. */
  readonly diff: string[];
  /** Problems api-extractor could not analyse past (compiler errors in the declarations). */
  readonly errors: string[];
}

/**
 * The compiler settings a user's project would have (Node ESM, strict): the report describes what
 * such a user sees through the package's `exports`.
 */
const COMPILER_OPTIONS = {
  module: 'NodeNext',
  moduleResolution: 'NodeNext',
  target: 'ES2022',
  lib: ['ES2022', 'DOM'],
  strict: true,
  skipLibCheck: true,
  types: [],
};

/**
 * Runs api-extractor on one entry point's declaration file and writes its report into `tempDir`.
 * Only the report matters here: no rollup, no doc model; missing release tags and docs are not
 * errors (the report marks them), forgotten exports are noted inside the report.
 */
export function generateReport(
  pkg: WorkspacePackage,
  entry: ExportEntry,
  tempDir: string,
): { file: string; errors: string[] } {
  const folder = join(tempDir, entry.reportName);
  mkdirSync(folder, { recursive: true });
  const entryFile = join(pkg.dir, entry.typesFile);
  if (!existsSync(entryFile)) {
    return {
      file: '',
      errors: [`${entry.specifier}: ${entryFile} does not exist (build the package first)`],
    };
  }
  const config = ExtractorConfig.prepare({
    configObject: {
      projectFolder: pkg.dir,
      mainEntryPointFilePath: entryFile,
      compiler: { overrideTsconfig: { compilerOptions: COMPILER_OPTIONS, files: [entryFile] } },
      apiReport: {
        enabled: true,
        reportFileName: entry.reportName,
        reportFolder: folder,
        reportTempFolder: join(folder, 'temp'),
      },
      docModel: { enabled: false },
      dtsRollup: { enabled: false },
      tsdocMetadata: { enabled: false },
      newlineKind: 'lf',
      messages: {
        compilerMessageReporting: { default: { logLevel: ExtractorLogLevel.Error } },
        extractorMessageReporting: {
          default: { logLevel: ExtractorLogLevel.None, addToApiReportFile: false },
          'ae-forgotten-export': { logLevel: ExtractorLogLevel.None, addToApiReportFile: true },
        },
        tsdocMessageReporting: { default: { logLevel: ExtractorLogLevel.None } },
      },
    },
    configObjectFullPath: join(pkg.dir, 'api-extractor.json'),
    packageJsonFullPath: join(pkg.dir, 'package.json'),
  });
  const errors: string[] = [];
  Extractor.invoke(config, {
    localBuild: true,
    messageCallback: (message: ExtractorMessage) => {
      if (message.logLevel === ExtractorLogLevel.Error)
        errors.push(`${entry.specifier}: ${message.formatMessageWithLocation(pkg.dir)}`);
      message.handled = true;
    },
  });
  return { file: join(folder, reportFileName(entry)), errors };
}

/** Lines that differ between two reports: removed ones first, each list cut at `limit`. */
export function reportDiff(before: string, after: string, limit = 12): string[] {
  const a = before.split('\n');
  const b = after.split('\n');
  const inA = new Set(a);
  const inB = new Set(b);
  const removed = a.filter((l) => l.trim() && !inB.has(l)).map((l) => `- ${l}`);
  const added = b.filter((l) => l.trim() && !inA.has(l)).map((l) => `+ ${l}`);
  const cut = (lines: string[]) =>
    lines.length > limit ? [...lines.slice(0, limit), `  ... ${lines.length - limit} more`] : lines;
  return [...cut(removed), ...cut(added)];
}

/**
 * Compares (or, with `update`, rewrites) the committed report of one entry point with the one the
 * current build produces.
 */
export function checkReport(
  pkg: WorkspacePackage,
  entry: ExportEntry,
  tempDir: string,
  update: boolean,
): ReportOutcome {
  const reportPath = join(pkg.dir, API_FOLDER, reportFileName(entry));
  const { file, errors } = generateReport(pkg, entry, tempDir);
  const base = { specifier: entry.specifier, reportPath, errors };
  if (!file || !existsSync(file)) return { ...base, status: 'missing', diff: [] };
  const fresh = readFileSync(file, 'utf8');
  const committed = existsSync(reportPath) ? readFileSync(reportPath, 'utf8') : undefined;
  if (committed === fresh) return { ...base, status: 'unchanged', diff: [] };
  const diff = reportDiff(committed ?? '', fresh);
  if (!update) return { ...base, status: committed === undefined ? 'missing' : 'changed', diff };
  mkdirSync(join(pkg.dir, API_FOLDER), { recursive: true });
  copyFileSync(file, reportPath);
  return { ...base, status: committed === undefined ? 'created' : 'updated', diff };
}

/** Report files in a package's api folder that no entry point produces any more (a removed subpath). */
export function staleReports(pkg: WorkspacePackage, entries: readonly ExportEntry[]): string[] {
  const folder = join(pkg.dir, API_FOLDER);
  if (!existsSync(folder)) return [];
  const expected = new Set(entries.map(reportFileName));
  return readdirSync(folder)
    .filter((f) => f.endsWith('.api.md') && !expected.has(f))
    .map((f) => join(folder, f));
}

export function removeFiles(files: readonly string[]): void {
  for (const f of files) rmSync(f, { force: true });
}

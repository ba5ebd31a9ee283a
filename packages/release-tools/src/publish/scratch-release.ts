import { cpSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { LocalRegistry } from '../registry/local-registry.js';
import { npmrcFor } from '../registry/local-registry.js';
import { run } from '../util/run.js';
import type { WorkspacePackage } from '../workspace/packages.js';

/** What every package folder contributes to a release besides its `files`: manifest and docs. */
const RELEASE_FILES = ['package.json', 'README.md', 'CHANGELOG.md', 'LICENSE'];

/**
 * The top-level paths a package's `files` can publish (`dist`, and e.g. backend-wasm's `wasm`), so
 * the scratch copy packs what the real one would; `dist` where the manifest has no `files`.
 */
export function releasePaths(pkg: WorkspacePackage): string[] {
  const listed = (pkg.manifest.files ?? ['dist'])
    .filter((f) => !f.startsWith('!'))
    .map((f) => f.split('/')[0]);
  return [...new Set([...RELEASE_FILES, ...listed])];
}

/**
 * A copy of the workspace with only what `changeset version` and `pnpm publish` read: the root
 * manifest and workspace file, `.changeset/`, and each package's manifest and built files (no
 * sources, no node_modules; private packages only their manifest). The real checkout is never versioned or published from.
 */
export function makeScratchCopy(root: string, packages: readonly WorkspacePackage[], dest: string): void {
  mkdirSync(dest, { recursive: true });
  for (const file of ['package.json', 'pnpm-workspace.yaml', '.changeset']) {
    cpSync(join(root, file), join(dest, file), { recursive: true });
  }
  for (const pkg of packages) {
    // A private package (apps, tools) only needs its manifest: changesets reads its dependencies.
    for (const file of pkg.private ? ['package.json'] : releasePaths(pkg)) {
      const from = join(pkg.dir, file);
      if (existsSync(from)) cpSync(from, join(dest, pkg.relDir, file), { recursive: true });
    }
  }
}

/**
 * `changeset version` in the scratch copy, as a release would: versions bumped by the pending
 * changesets (one fixed group), CHANGELOG.md entries written. Returns each package's new version.
 */
export async function versionScratchCopy(
  root: string,
  scratch: string,
  packages: readonly WorkspacePackage[],
): Promise<Map<string, string>> {
  await run(join(root, 'node_modules', '.bin', 'changeset'), ['version'], { cwd: scratch });
  const versions = new Map<string, string>();
  for (const pkg of packages) {
    const manifest = JSON.parse(readFileSync(join(scratch, pkg.relDir, 'package.json'), 'utf8'));
    versions.set(pkg.name, manifest.version);
  }
  return versions;
}

/** Problems with the CHANGELOG.md `changeset version` left for each public package (none: []). */
export function changelogProblems(scratch: string, pkg: WorkspacePackage, version: string): string[] {
  const file = join(scratch, pkg.relDir, 'CHANGELOG.md');
  if (!existsSync(file)) return [`${pkg.relDir}/CHANGELOG.md is missing`];
  const text = readFileSync(file, 'utf8');
  const problems: string[] = [];
  if (!text.startsWith(`# ${pkg.name}\n`))
    problems.push(`${pkg.relDir}/CHANGELOG.md does not start with "# ${pkg.name}"`);
  if (!text.includes(`\n## ${version}\n`))
    problems.push(`${pkg.relDir}/CHANGELOG.md has no "## ${version}" section`);
  return problems;
}

/**
 * `pnpm -r publish` from the scratch copy to the local registry: every public package, with its
 * `workspace:` ranges rewritten to the versions just set (pnpm does that while packing).
 */
export async function publishScratchCopy(scratch: string, registry: LocalRegistry): Promise<string> {
  writeFileSync(join(scratch, '.npmrc'), npmrcFor(registry));
  return run('pnpm', ['-r', 'publish', '--registry', registry.url, '--no-git-checks'], { cwd: scratch });
}

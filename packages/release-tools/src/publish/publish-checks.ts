import type { LocalRegistry } from '../registry/local-registry.js';
import { type PublishedVersion, publishedVersion, unpublishableRanges } from '../registry/published.js';
import { CheckFailure, type CheckLog } from '../report/checks.js';
import type { WorkspacePackage } from '../workspace/packages.js';
import {
  changelogProblems,
  makeScratchCopy,
  publishScratchCopy,
  versionScratchCopy,
} from './scratch-release.js';

/**
 * `changeset version` on a scratch copy (CHANGELOG.md per package gets the release's section), then
 * `pnpm -r publish` to the local registry; every public package must be there at its new version
 * with no workspace-only range left. Returns what was published (undefined when a step failed).
 */
export async function checkPublish(
  root: string,
  all: readonly WorkspacePackage[],
  scratch: string,
  registry: LocalRegistry,
  log: CheckLog,
): Promise<Map<string, PublishedVersion> | undefined> {
  const publicPackages = all.filter((p) => !p.private);
  let versions: Map<string, string> | undefined;
  await log.check('changeset version on a scratch copy (versions, CHANGELOG.md)', async () => {
    makeScratchCopy(root, all, scratch);
    const next = await versionScratchCopy(root, scratch, publicPackages);
    const problems = publicPackages.flatMap((p) => changelogProblems(scratch, p, next.get(p.name) ?? '?'));
    const distinct = new Set(publicPackages.map((p) => next.get(p.name)));
    if (distinct.size !== 1)
      problems.push(`the fixed group got different versions: ${[...distinct].join(', ')}`);
    if (problems.length) throw new CheckFailure(problems);
    versions = next;
    return [`${publicPackages.length} packages at ${[...distinct][0]}`];
  });
  if (!versions) return undefined;
  const published = new Map<string, PublishedVersion>();
  const ok = await log.check(
    'pnpm -r publish to the local registry (workspace ranges rewritten)',
    async () => {
      await publishScratchCopy(scratch, registry);
      const problems: string[] = [];
      for (const pkg of publicPackages) {
        try {
          const version = await publishedVersion(registry, pkg.name, versions?.get(pkg.name) ?? '');
          problems.push(...unpublishableRanges(version));
          published.set(pkg.name, version);
        } catch (error) {
          problems.push((error as Error).message);
        }
      }
      if (problems.length) throw new CheckFailure(problems);
      return [...published.values()].map((v) => `${v.name}@${v.version}`);
    },
  );
  return ok ? published : undefined;
}

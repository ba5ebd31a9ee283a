import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { downloadTarball, type PublishedVersion } from '../registry/published.js';
import { CheckFailure, type CheckLog } from '../report/checks.js';
import type { WorkspacePackage } from '../workspace/packages.js';
import { attwProblems, publintProblems } from './package-lints.js';

/**
 * publint and arethetypeswrong on each tarball as the registry serves it. Returns the tarballs'
 * bytes by package name (for the size check).
 */
export async function checkPackageLints(
  packages: readonly WorkspacePackage[],
  published: ReadonlyMap<string, PublishedVersion>,
  dir: string,
  log: CheckLog,
): Promise<Map<string, Uint8Array>> {
  mkdirSync(dir, { recursive: true });
  const tarballs = new Map<string, Uint8Array>();
  for (const pkg of packages) {
    await log.check(`publint + arethetypeswrong ${pkg.name}`, async () => {
      const version = published.get(pkg.name);
      if (!version) throw new Error(`${pkg.name} was not published`);
      const tarball = await downloadTarball(version);
      tarballs.set(pkg.name, tarball);
      const file = join(dir, `${pkg.name.replace(/[@/]/g, '_')}-${version.version}.tgz`);
      writeFileSync(file, tarball);
      const { problems, notes } = await publintProblems(tarball);
      problems.push(...(await attwProblems(file)));
      if (problems.length) throw new CheckFailure(problems);
      return notes;
    });
  }
  return tarballs;
}

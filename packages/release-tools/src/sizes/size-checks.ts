import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { folderBytes, freshProject, install, installedPackageNames } from '../consumer/fresh-project.js';
import type { LocalRegistry } from '../registry/local-registry.js';
import type { PublishedVersion } from '../registry/published.js';
import { CheckFailure, type CheckLog } from '../report/checks.js';
import type { WorkspacePackage } from '../workspace/packages.js';
import { formatBytes, type PackageSize, sizeProblems, writeReadmeSize } from './readme-sizes.js';

/** What `@snn/core` must never bring along: backends' engines, GPU bindings, test tooling. */
const NOT_WITH_CORE = [
  /^@tensorflow\//,
  /onnxruntime/,
  /webgpu/,
  /^jest/,
  /^@jest\//,
  /^@swc\//,
  /^typescript$/,
];

/**
 * Installs each public package alone from the registry into an empty npm project: measures its
 * install footprint, compares tarball and footprint with the README (or rewrites the README with
 * `update`), and checks that `@snn/core` alone installs nothing but itself and its own dependencies.
 */
export async function checkSizes(
  packages: readonly WorkspacePackage[],
  published: ReadonlyMap<string, PublishedVersion>,
  tarballs: ReadonlyMap<string, Uint8Array>,
  dir: string,
  registry: LocalRegistry,
  log: CheckLog,
  update: boolean,
): Promise<void> {
  for (const pkg of packages) {
    const version = published.get(pkg.name);
    const tarball = tarballs.get(pkg.name);
    if (!version || !tarball) continue;
    let installed: Set<string> | undefined;
    await log.check(`installed alone, size vs README ${pkg.name}`, async () => {
      const project = freshProject(join(dir, pkg.name.replace(/[@/]/g, '_')), registry);
      await install(project, 'npm', [`${pkg.name}@${version.version}`]);
      installed = installedPackageNames(project);
      const size: PackageSize = {
        tarballBytes: tarball.byteLength,
        installedBytes: folderBytes(join(project, 'node_modules')),
        installedPackages: installed.size,
      };
      const readmeFile = join(pkg.dir, 'README.md');
      const measured = `tarball ${formatBytes(size.tarballBytes)}, installed ${formatBytes(size.installedBytes)} (${size.installedPackages} packages)`;
      if (update) {
        writeReadmeSize(readmeFile, pkg.name, size);
        return [measured, 'README updated'];
      }
      const problems = sizeProblems(readFileSync(readmeFile, 'utf8'), size);
      if (problems.length) {
        throw new CheckFailure([
          ...problems,
          `(${measured}; \`npm run release-check -- --update-sizes\` rewrites it)`,
        ]);
      }
      return [measured];
    });
    if (pkg.name === '@snn/core' && installed) {
      const names = installed;
      await log.check('@snn/core installed alone brings no backend, GPU or test package', () => {
        const own = new Set(['@snn/core', ...Object.keys(version.dependencies)]);
        const unwanted = [...names].filter(
          (n) => NOT_WITH_CORE.some((re) => re.test(n)) || (own.size === 1 && !own.has(n)),
        );
        if (unwanted.length)
          throw new CheckFailure([`installing @snn/core alone also installed: ${unwanted.join(', ')}`]);
        return [`node_modules holds ${[...names].join(', ')}`];
      });
    }
  }
}

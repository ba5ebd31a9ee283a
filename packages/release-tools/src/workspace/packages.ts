import { existsSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { getPackages } from '@manypkg/get-packages';

/** The fields of a package.json the release checks read. */
export interface PackageManifest {
  name: string;
  version: string;
  private?: boolean;
  description?: string;
  main?: string;
  types?: string;
  exports?: unknown;
  files?: string[];
  dependencies?: Record<string, string>;
  peerDependencies?: Record<string, string>;
  peerDependenciesMeta?: Record<string, { optional?: boolean }>;
  optionalDependencies?: Record<string, string>;
  devDependencies?: Record<string, string>;
  [field: string]: unknown;
}

export interface WorkspacePackage {
  readonly name: string;
  readonly version: string;
  /** Absolute folder. */
  readonly dir: string;
  /** Folder relative to the repository root, with '/' separators (e.g. `packages/core`). */
  readonly relDir: string;
  readonly private: boolean;
  readonly manifest: PackageManifest;
}

/** The repository root: the nearest folder above `from` holding pnpm-workspace.yaml. */
export function findRepoRoot(from = process.cwd()): string {
  let dir = resolve(from);
  for (;;) {
    if (existsSync(join(dir, 'pnpm-workspace.yaml'))) return dir;
    const up = dirname(dir);
    if (up === dir) throw new Error(`no pnpm-workspace.yaml in ${from} or any folder above it`);
    dir = up;
  }
}

/**
 * Every package of the workspace, found the way changesets finds them (@manypkg/get-packages reads
 * pnpm-workspace.yaml), so a package added under any workspace glob is covered without a list to edit.
 */
export async function workspacePackages(root: string): Promise<WorkspacePackage[]> {
  const { packages } = await getPackages(root);
  return packages
    .map(({ dir, packageJson }) => {
      const manifest = packageJson as unknown as PackageManifest;
      return {
        name: manifest.name,
        version: manifest.version,
        dir,
        relDir: relative(root, dir).split('\\').join('/'),
        private: manifest.private === true,
        manifest,
      };
    })
    .sort((a, b) => a.name.localeCompare(b.name));
}

/** The packages that get published: every workspace package not marked private. */
export async function publicPackages(root: string): Promise<WorkspacePackage[]> {
  return (await workspacePackages(root)).filter((p) => !p.private);
}

/** `@snn/core` -> `core`. */
export function unscopedName(name: string): string {
  return name.startsWith('@') ? name.slice(name.indexOf('/') + 1) : name;
}

import { existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { type LocalRegistry, npmrcFor } from '../registry/local-registry.js';
import { run } from '../util/run.js';

export type Installer = 'npm' | 'pnpm';

/**
 * An empty project outside the workspace (no pnpm-workspace.yaml or node_modules above it) whose
 * `.npmrc` sends `@snn/*` to the local registry; everything else comes from the npm registry.
 */
export function freshProject(dir: string, registry: LocalRegistry): string {
  mkdirSync(dir, { recursive: true });
  writeFileSync(
    join(dir, 'package.json'),
    `${JSON.stringify({ name: 'snn-consumer', private: true, type: 'module' }, null, 2)}\n`,
  );
  writeFileSync(join(dir, '.npmrc'), npmrcFor(registry));
  return dir;
}

/** Plain `npm install` / `pnpm add` of exact versions, as a user pinning versions would. */
export async function install(dir: string, installer: Installer, specs: readonly string[]): Promise<void> {
  if (installer === 'npm') {
    await run(
      'npm',
      ['install', '--no-audit', '--no-fund', '--loglevel=error', '--prefer-online', ...specs],
      { cwd: dir },
    );
  } else {
    await run('pnpm', ['add', ...specs], { cwd: dir });
  }
}

/** Every package name installed anywhere under the project's node_modules (nested ones included). */
export function installedPackageNames(dir: string): Set<string> {
  const names = new Set<string>();
  const walk = (nodeModules: string) => {
    if (!existsSync(nodeModules)) return;
    for (const entry of readdirSync(nodeModules)) {
      if (entry.startsWith('.')) {
        if (entry === '.pnpm')
          for (const p of readdirSync(join(nodeModules, entry)))
            walk(join(nodeModules, entry, p, 'node_modules'));
        continue;
      }
      const folders = entry.startsWith('@')
        ? readdirSync(join(nodeModules, entry)).map((e) => join(entry, e))
        : [entry];
      for (const folder of folders) {
        const manifest = join(nodeModules, folder, 'package.json');
        if (!existsSync(manifest)) continue;
        names.add(JSON.parse(readFileSync(manifest, 'utf8')).name ?? folder);
        walk(join(nodeModules, folder, 'node_modules'));
      }
    }
  };
  walk(join(dir, 'node_modules'));
  return names;
}

/** Bytes on disk under a folder (files only, links not followed). */
export function folderBytes(dir: string): number {
  let total = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) total += folderBytes(path);
    else if (entry.isFile()) total += statSync(path).size;
  }
  return total;
}

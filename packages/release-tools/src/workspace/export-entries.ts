import { join } from 'node:path';
import type { PackageManifest } from './packages.js';
import { unscopedName } from './packages.js';

/** One import path a user can write (`@snn/core`, `@snn/core/testing`) and the types behind it. */
export interface ExportEntry {
  /** The key in `exports` ('.', './testing'). */
  readonly subpath: string;
  /** What a user imports. */
  readonly specifier: string;
  /** The declaration file TypeScript resolves for it (NodeNext, import), relative to the package. */
  readonly typesFile: string;
  /** File-name-safe name: `core`, `core-testing`. */
  readonly reportName: string;
}

/**
 * The conditions TypeScript (moduleResolution NodeNext) and Node match for an `import` in Node.
 * `source` (our workspace-only condition) and `browser` are not among them.
 */
const NODE_IMPORT_CONDITIONS = new Set(['types', 'import', 'node', 'default']);

/** The declaration file a conditional `exports` target resolves to for a Node ESM TypeScript user. */
export function resolveTypesTarget(target: unknown): string | undefined {
  if (typeof target === 'string') {
    if (target.endsWith('.d.ts')) return target;
    if (target.endsWith('.js')) return target.replace(/\.js$/, '.d.ts');
    return undefined;
  }
  if (target && typeof target === 'object' && !Array.isArray(target)) {
    for (const [condition, value] of Object.entries(target)) {
      if (!NODE_IMPORT_CONDITIONS.has(condition)) continue;
      const found = resolveTypesTarget(value);
      if (found) return found;
    }
  }
  return undefined;
}

/**
 * Every public import path of a package, from its `exports` map (or `types` without one). Subpaths
 * that are not code (`./package.json`) are left out; a wildcard subpath is refused, since its entry
 * points cannot be listed (name them one by one).
 */
export function exportEntries(manifest: PackageManifest): ExportEntry[] {
  const exportsMap = manifest.exports;
  const map: Record<string, unknown> =
    exportsMap === undefined
      ? { '.': manifest.types ?? manifest.main }
      : typeof exportsMap === 'string' || !Object.keys(exportsMap as object).some((k) => k.startsWith('.'))
        ? { '.': exportsMap }
        : (exportsMap as Record<string, unknown>);
  const entries: ExportEntry[] = [];
  for (const [subpath, target] of Object.entries(map)) {
    if (subpath.endsWith('.json')) continue;
    if (subpath.includes('*')) {
      throw new Error(
        `${manifest.name}: exports["${subpath}"] is a wildcard; list its entry points one by one`,
      );
    }
    const typesFile = resolveTypesTarget(target);
    if (!typesFile)
      throw new Error(`${manifest.name}: exports["${subpath}"] names no types for a Node import`);
    const rest = subpath === '.' ? '' : subpath.slice(2);
    entries.push({
      subpath,
      specifier: rest ? `${manifest.name}/${rest}` : manifest.name,
      typesFile: join(typesFile),
      reportName: [unscopedName(manifest.name), ...rest.split('/').filter(Boolean)].join('-'),
    });
  }
  return entries;
}

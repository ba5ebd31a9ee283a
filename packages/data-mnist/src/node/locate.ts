import { stat } from 'node:fs/promises';
import { join } from 'node:path';
import { type DatasetSpec, type FileSpec, type SplitName, splitSpec } from '../registry.js';
import { defaultCacheRoot } from './cache-dir.js';

export type Env = Readonly<Record<string, string | undefined>>;

/**
 * Where {@link loadDataset} looks for local files before downloading. Every field is optional.
 *
 * @example
 * ```ts
 * await loadDataset('mnist', { dataDir: '/data/mnist', cacheDir: '/tmp/snn-cache' });
 * ```
 */
export interface LocateOptions {
  /** Directory holding the files (checked first; `<dataDir>/<dataset id>` is checked too). */
  dataDir?: string;
  /** Cache root (default `$XDG_CACHE_HOME/snn` or `~/.cache/snn`); files live in `<root>/<dataset id>`. */
  cacheDir?: string;
  /** Environment to read `SNN_MNIST_DIR` etc. from (default `process.env`). */
  env?: Env;
}

/** One place searched, in priority order, for error messages. */
export interface SearchedPlace {
  readonly label: string;
  readonly dir: string | undefined;
}

export interface LocatedFiles {
  readonly images: string;
  readonly labels: string;
  readonly place: SearchedPlace;
}

/**
 * The places searched, in order: dataDir option, the dataset's env variable, the user cache.
 *
 * @param spec - The dataset (its envVar and id name the folders).
 * @param options - dataDir, cacheDir and env (default `process.env`).
 * @example
 * ```ts
 * const places = searchPlaces(MNIST, { dataDir: './data', env: { SNN_MNIST_DIR: '/data/mnist' } });
 * for (const { label, dir } of places) console.log(label, dir);
 * // dataDir option ./data / SNN_MNIST_DIR /data/mnist / cache ~/.cache/snn/mnist
 * ```
 */
export function searchPlaces(spec: DatasetSpec, options: LocateOptions): SearchedPlace[] {
  const env = options.env ?? process.env;
  const envDir = env[spec.envVar];
  return [
    { label: 'dataDir option', dir: options.dataDir },
    { label: spec.envVar, dir: envDir && envDir.length > 0 ? envDir : undefined },
    { label: 'cache', dir: cacheDirFor(spec, options) },
  ];
}

export function cacheDirFor(spec: DatasetSpec, options: LocateOptions): string {
  return join(options.cacheDir ?? defaultCacheRoot(options.env ?? process.env), spec.id);
}

/** Path of `file` in `dir` (gzip name first, then the uncompressed name), or undefined. */
export async function findFile(dir: string, file: FileSpec): Promise<string | undefined> {
  const names = file.name.endsWith('.gz') ? [file.name, file.name.slice(0, -3)] : [file.name];
  for (const name of names) {
    const path = join(dir, name);
    if (await isFile(path)) return path;
  }
  return undefined;
}

/**
 * The first place that holds BOTH files of the split (in `<dir>` or `<dir>/<dataset id>`).
 * Both must come from one folder: MNIST, Fashion-MNIST and KMNIST share file names, and mixing
 * two folders could pair one set's images with another's labels.
 */
export async function locateSplit(
  spec: DatasetSpec,
  split: SplitName,
  options: LocateOptions,
): Promise<LocatedFiles | undefined> {
  const files = splitSpec(spec, split);
  for (const place of searchPlaces(spec, options)) {
    if (place.dir === undefined) continue;
    for (const dir of [place.dir, join(place.dir, spec.id)]) {
      const images = await findFile(dir, files.images);
      const labels = await findFile(dir, files.labels);
      if (images !== undefined && labels !== undefined) return { images, labels, place };
    }
  }
  return undefined;
}

async function isFile(path: string): Promise<boolean> {
  try {
    return (await stat(path)).isFile();
  } catch {
    return false;
  }
}

import { readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import {
  checkedSink,
  type FileKind,
  idxFileBytes,
  maxTransferBytes,
  type Platform,
  readDatasetFile,
} from '../dataset-file.js';
import { datasetFromIdx, fileUrls, loadBothSplits } from '../dataset-from-idx.js';
import { type DownloadOptions, downloadVerified } from '../download/download.js';
import {
  ChecksumError,
  DataNotFoundError,
  DownloadError,
  describeAttempts,
  IdxFormatError,
  type NotFoundDetails,
} from '../errors.js';
import { decodeIdx } from '../idx/decode-idx.js';
import type { IdxArray } from '../idx/parse-idx.js';
import { ImageDataset } from '../image-dataset.js';
import {
  type DatasetName,
  type DatasetSpec,
  type FileSpec,
  getDatasetSpec,
  type SplitName,
  splitSpec,
} from '../registry.js';
import { cacheDirFor, findFile, type LocateOptions, locateSplit, searchPlaces } from './locate.js';
import { nodeGunzip, nodeHasher, openFileSink } from './node-platform.js';

const NODE: Platform = { gunzip: nodeGunzip, hasher: nodeHasher };

/**
 * Options of {@link loadDataset} (Node): which split, where to look ({@link LocateOptions}), whether
 * and how to download ({@link DownloadOptions}) and whether to verify local files. Every field is optional.
 *
 * @example
 * ```ts
 * const test = await loadDataset('mnist', { split: 'test', dataDir: './data', download: false });
 * ```
 */
export interface LoadOptions extends LocateOptions, DownloadOptions {
  /** 'train' (default) or 'test'. */
  split?: SplitName;
  /** Download into the cache when no local copy exists (default true). */
  download?: boolean;
  /** Base URLs to download from instead of the dataset's mirrors. */
  mirrors?: readonly string[];
  /** Check local files against the registered checksums too (default true). */
  verify?: boolean;
}

/**
 * Read one IDX file (gzip or raw) from disk.
 *
 * @param path - File path; gzip is detected from the content, not the name.
 * @throws {@link IdxFormatError} naming the file when its header or size is wrong.
 * @example
 * ```ts
 * const labels = await loadIdxFile('data/t10k-labels-idx1-ubyte.gz'); // shape [10000], uint8
 * ```
 */
export async function loadIdxFile(path: string): Promise<IdxArray> {
  return decodeIdx(await readFileBytes(path), path, nodeGunzip);
}

/**
 * Load an images/labels IDX pair from any paths: e.g. a data set that is not in the registry.
 * Labels must lie in [labelMin, labelMin + numClasses - 1] (default 0..9).
 *
 * @param imagesPath - IDX3 file of `[N, height, width]` unsigned bytes (gzip or raw).
 * @param labelsPath - IDX1 file of `[N]` unsigned bytes.
 * @param rules - `numClasses` (default 10), `labelMin` (default 0), `transpose` (default false).
 * @example
 * ```ts
 * const ds = await loadIdxPair('my-images-idx3-ubyte', 'my-labels-idx1-ubyte', { numClasses: 26, labelMin: 1 });
 * ```
 */
export async function loadIdxPair(
  imagesPath: string,
  labelsPath: string,
  rules: { numClasses?: number; labelMin?: number; transpose?: boolean } = {},
): Promise<ImageDataset> {
  const images = await loadIdxFile(imagesPath);
  const labels = await loadIdxFile(labelsPath);
  return ImageDataset.fromIdx(
    images,
    labels,
    { numClasses: rules.numClasses ?? 10, labelMin: rules.labelMin, transpose: rules.transpose },
    { images: imagesPath, labels: labelsPath },
  );
}

/**
 * Load one split of a registered (or custom) dataset. Sources in order: `dataDir`, the dataset's
 * environment variable (`SNN_MNIST_DIR` for MNIST), the user cache, then a download into the cache.
 *
 * @param dataset - A registered name (`'mnist'`, `'fashion-mnist'`, ...) or a {@link DatasetSpec}.
 * @param options - Split (default `'train'`), places, download and verification (see {@link LoadOptions}).
 * @throws {@link DataNotFoundError} listing every place searched when the files are nowhere;
 *   {@link ChecksumError} or {@link IdxFormatError} naming a bad file.
 * @example
 * ```ts
 * import { loadDataset } from '@snn/data-mnist';
 * const train = await loadDataset('fashion-mnist'); // 60000 images, 28×28
 * ```
 */
export async function loadDataset(
  dataset: DatasetName | DatasetSpec,
  options: LoadOptions = {},
): Promise<ImageDataset> {
  const spec = getDatasetSpec(dataset);
  const split = options.split ?? 'train';
  const files = splitSpec(spec, split);
  const read = async (paths: { images: string; labels: string }) => {
    const one = async (kind: FileKind, file: FileSpec) =>
      readDatasetFile(await readFileBytes(paths[kind]), file, paths[kind], NODE, {
        verify: options.verify,
        idxBytes: idxFileBytes(spec, split, kind),
      });
    // One file at a time, images first: the first problem is the one reported.
    return [await one('images', files.images), await one('labels', files.labels)] as const;
  };
  let paths = await resolveDatasetFiles(spec, options);
  let images: IdxArray;
  let labels: IdxArray;
  try {
    [images, labels] = await read(paths);
  } catch (error) {
    // A bad file in OUR cache (written only after verification, so damaged since) is replaced by a
    // fresh download; a bad file the user supplied is reported, never deleted.
    const cacheDir = cacheDirFor(spec, options);
    const file = error instanceof ChecksumError || error instanceof IdxFormatError ? error.file : undefined;
    if (file === undefined || options.download === false || !file.startsWith(cacheDir)) throw error;
    await rm(file, { force: true });
    paths = await resolveDatasetFiles(spec, options);
    [images, labels] = await read(paths);
  }
  return datasetFromIdx(spec, split, images, labels, paths);
}

/**
 * MNIST (`loadDataset('mnist', options)`).
 *
 * @param options - split (default 'train'), where to look (dataDir, cacheDir, env), download (default true)
 *   and verify (default true): see {@link LoadOptions}.
 * @example
 * ```ts
 * const test = await loadMnist({ split: 'test' }); // 10000 images
 * ```
 */
export function loadMnist(options: LoadOptions = {}): Promise<ImageDataset> {
  return loadDataset('mnist', options);
}

/**
 * Both splits, train then test (as the browser entry point does).
 *
 * @param dataset - A registered name (`'mnist'`, `'fashion-mnist'`, ...) or a {@link DatasetSpec}.
 * @param options - As for {@link loadDataset}, without `split`.
 * @example
 * ```ts
 * const { train, test } = await loadDatasetSplits('mnist', { dataDir: './data' });
 * ```
 */
export function loadDatasetSplits(
  dataset: DatasetName | DatasetSpec,
  options: Omit<LoadOptions, 'split'> = {},
): Promise<{
  /** The `train` split. */
  train: ImageDataset;
  /** The `test` split. */
  test: ImageDataset;
}> {
  return loadBothSplits((split) => loadDataset(dataset, { ...options, split }));
}

/**
 * Find (or download) the two files of a split and return their paths. Throws one
 * `DataNotFoundError` that lists every place searched and how to provide the files.
 *
 * @param dataset - A registered name (`'mnist'`, `'fashion-mnist'`, ...) or a {@link DatasetSpec}.
 * @param options - split (default 'train'), where to look, download (default true) and mirrors.
 * @example
 * ```ts
 * const { images, labels } = await resolveDatasetFiles('mnist', { split: 'test', download: false });
 * ```
 */
export async function resolveDatasetFiles(
  dataset: DatasetName | DatasetSpec,
  options: LoadOptions = {},
): Promise<{
  /** Path of the images file. */
  images: string;
  /** Path of the labels file. */
  labels: string;
}> {
  const spec = getDatasetSpec(dataset);
  const split = options.split ?? 'train';
  const files = splitSpec(spec, split);
  const found = await locateSplit(spec, split, options);
  if (found !== undefined) return found;

  const mirrors = options.mirrors ?? spec.mirrors;
  const cacheDir = cacheDirFor(spec, options);
  let download: string[];
  if (options.download === false) {
    download = ['download: disabled (download: false)'];
  } else if (mirrors.length === 0) {
    download = ['download: not available for this dataset'];
  } else {
    try {
      const fetchOne = (kind: FileKind) =>
        fetchToCache(files[kind], cacheDir, mirrors, idxFileBytes(spec, split, kind), options);
      const images = await fetchOne('images');
      const labels = await fetchOne('labels');
      return { images, labels };
    } catch (error) {
      if (!(error instanceof DownloadError)) throw error;
      download = [
        `download of ${error.file} failed:`,
        ...describeAttempts(error.failures).map((l) => `  ${l}`),
      ];
    }
  }
  throw notFound(spec, split, options, cacheDir, download);
}

/**
 * Downloads one file into the cache. The bytes are decoded and checked against the registry before
 * the file takes its real name: a mirror serving other data fails and the next one is tried.
 */
async function fetchToCache(
  file: FileSpec,
  cacheDir: string,
  mirrors: readonly string[],
  idxBytes: number,
  options: LoadOptions,
): Promise<string> {
  const existing = await findFile(cacheDir, file);
  if (existing !== undefined) return existing;
  const dest = join(cacheDir, file.name);
  const urls = fileUrls(mirrors, file.name);
  return downloadVerified(
    { name: file.name },
    urls,
    async () =>
      checkedSink(await openFileSink(dest), (bytes) =>
        readDatasetFile(bytes, file, file.name, NODE, { idxBytes }),
      ),
    nodeHasher,
    { maxBytes: maxTransferBytes(idxBytes), ...options },
  );
}

function notFound(
  spec: DatasetSpec,
  split: SplitName,
  options: LoadOptions,
  cacheDir: string,
  download: string[],
): DataNotFoundError {
  const files = splitSpec(spec, split);
  const searched = searchPlaces(spec, options);
  const details: NotFoundDetails = {
    summary:
      `${spec.title} ${split} files not found: need ${files.images.name} and ${files.labels.name} ` +
      '(gzip or uncompressed) in one folder.',
    searched,
    download,
    howToGet: spec.howToGet,
    cacheDir,
    envVar: spec.envVar,
  };
  const lines = [
    details.summary,
    'Looked in:',
    ...searched.map((p) => `  ${p.label}: ${p.dir === undefined ? 'not set' : `${p.dir} (files not there)`}`),
    ...download,
    ...(spec.howToGet ? [spec.howToGet] : []),
    `To fix: put the files in ${cacheDir}, or set ${spec.envVar}=/path/to/folder, ` +
      "or pass { dataDir: '/path/to/folder' }.",
  ];
  return new DataNotFoundError(lines.join('\n'), details);
}

async function readFileBytes(path: string): Promise<Uint8Array> {
  const buf = await readFile(path);
  return new Uint8Array(buf.buffer, buf.byteOffset, buf.byteLength);
}

import { readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { datasetFromIdx, fileUrls } from '../dataset-from-idx.js';
import { type DownloadOptions, downloadVerified } from '../download/download.js';
import { verifyBytes } from '../download/hash.js';
import { ChecksumError, DataNotFoundError, DownloadError } from '../errors.js';
import { decodeIdx, isGzip } from '../idx/decode-idx.js';
import type { IdxArray } from '../idx/parse-idx.js';
import { ImageDataset } from '../image-dataset.js';
import {
  type DatasetName,
  type DatasetSpec,
  type FileSpec,
  getDatasetSpec,
  type SplitName,
} from '../registry.js';
import { cacheDirFor, findFile, type LocateOptions, locateSplit, searchPlaces } from './locate.js';
import { nodeGunzip, nodeHasher, openFileSink } from './node-platform.js';

export interface LoadOptions extends LocateOptions, DownloadOptions {
  /** 'train' (default) or 'test'. */
  split?: SplitName;
  /** Download into the cache when no local copy exists (default true). */
  download?: boolean;
  /** Base URLs to download from instead of the dataset's mirrors. */
  mirrors?: readonly string[];
  /** Check local .gz files against the registered checksums too (default true). */
  verify?: boolean;
}

/** Read one IDX file (gzip or raw) from disk. */
export async function loadIdxFile(path: string): Promise<IdxArray> {
  return decodeIdx(await readFileBytes(path), path, nodeGunzip);
}

/**
 * Load an images/labels IDX pair from any paths: e.g. a data set that is not in the registry.
 * Labels must lie in [labelMin, labelMin + numClasses - 1] (default 0..9).
 */
export async function loadIdxPair(
  imagesPath: string,
  labelsPath: string,
  rules: { numClasses?: number; labelMin?: number; transpose?: boolean } = {},
): Promise<ImageDataset> {
  const [images, labels] = await Promise.all([loadIdxFile(imagesPath), loadIdxFile(labelsPath)]);
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
 */
export async function loadDataset(
  dataset: DatasetName | DatasetSpec,
  options: LoadOptions = {},
): Promise<ImageDataset> {
  const spec = getDatasetSpec(dataset);
  const split = options.split ?? 'train';
  const files = spec.splits[split];
  const verify = options.verify ?? true;
  const read = async (paths: { images: string; labels: string }) =>
    Promise.all(
      (
        [
          [paths.images, files.images],
          [paths.labels, files.labels],
        ] as const
      ).map(async ([path, file]) => {
        const bytes = await readFileBytes(path);
        if (verify && isGzip(bytes) && path.endsWith(file.name)) {
          await verifyBytes(bytes, file, path, nodeHasher);
        }
        return decodeIdx(bytes, path, nodeGunzip);
      }),
    );
  let paths = await resolveDatasetFiles(spec, options);
  let images: IdxArray;
  let labels: IdxArray;
  try {
    [images, labels] = await read(paths);
  } catch (error) {
    // A bad file in OUR cache (written only after verification, so damaged since) is replaced by a
    // fresh download; a bad file the user supplied is reported, never deleted.
    const cacheDir = cacheDirFor(spec, options);
    if (!(error instanceof ChecksumError) || options.download === false || !error.file.startsWith(cacheDir)) {
      throw error;
    }
    await rm(error.file, { force: true });
    paths = await resolveDatasetFiles(spec, options);
    [images, labels] = await read(paths);
  }
  return datasetFromIdx(spec, split, images, labels, paths);
}

/** MNIST (`loadDataset('mnist', options)`). */
export function loadMnist(options: LoadOptions = {}): Promise<ImageDataset> {
  return loadDataset('mnist', options);
}

/** Both splits. */
export async function loadDatasetSplits(
  dataset: DatasetName | DatasetSpec,
  options: Omit<LoadOptions, 'split'> = {},
): Promise<{ train: ImageDataset; test: ImageDataset }> {
  const train = await loadDataset(dataset, { ...options, split: 'train' });
  const test = await loadDataset(dataset, { ...options, split: 'test' });
  return { train, test };
}

/**
 * Find (or download) the two files of a split and return their paths. Throws one
 * `DataNotFoundError` that lists every place searched and how to provide the files.
 */
export async function resolveDatasetFiles(
  dataset: DatasetName | DatasetSpec,
  options: LoadOptions = {},
): Promise<{ images: string; labels: string }> {
  const spec = getDatasetSpec(dataset);
  const split = options.split ?? 'train';
  const found = await locateSplit(spec, split, options);
  if (found !== undefined) return found;

  const mirrors = options.mirrors ?? spec.mirrors;
  const cacheDir = cacheDirFor(spec, options);
  let failure: string;
  if (options.download === false) {
    failure = 'download: disabled (download: false)';
  } else if (mirrors.length === 0) {
    failure = 'download: not available for this dataset';
  } else {
    try {
      const files = spec.splits[split];
      const images = await fetchToCache(files.images, cacheDir, mirrors, options);
      const labels = await fetchToCache(files.labels, cacheDir, mirrors, options);
      return { images, labels };
    } catch (error) {
      if (!(error instanceof DownloadError)) throw error;
      failure = `download failed:\n    ${error.attempts.join('\n    ')}`;
    }
  }
  throw notFound(spec, split, options, cacheDir, failure);
}

async function fetchToCache(
  file: FileSpec,
  cacheDir: string,
  mirrors: readonly string[],
  options: LoadOptions,
): Promise<string> {
  const existing = await findFile(cacheDir, file);
  if (existing !== undefined) return existing;
  const dest = join(cacheDir, file.name);
  const urls = fileUrls(mirrors, file.name);
  return downloadVerified(file, urls, () => openFileSink(dest), nodeHasher, options);
}

function notFound(
  spec: DatasetSpec,
  split: SplitName,
  options: LoadOptions,
  cacheDir: string,
  failure: string,
): DataNotFoundError {
  const files = spec.splits[split];
  const places = searchPlaces(spec, options).map(
    (p) => `  ${p.label}: ${p.dir === undefined ? 'not set' : `${p.dir} (files not there)`}`,
  );
  const lines = [
    `${spec.title} ${split} files not found: need ${files.images.name} and ${files.labels.name} ` +
      '(gzip or uncompressed) in one folder.',
    'Looked in:',
    ...places,
    failure,
    ...(spec.howToGet ? [spec.howToGet] : []),
    `To fix: put the files in ${cacheDir}, or set ${spec.envVar}=/path/to/folder, ` +
      "or pass { dataDir: '/path/to/folder' }.",
  ];
  return new DataNotFoundError(lines.join('\n'));
}

async function readFileBytes(path: string): Promise<Uint8Array> {
  const buf = await readFile(path);
  return new Uint8Array(buf.buffer, buf.byteOffset, buf.byteLength);
}

import { datasetFromIdx, fileUrls } from '../dataset-from-idx.js';
import { type DownloadOptions, downloadVerified } from '../download/download.js';
import { DataNotFoundError, DownloadError } from '../errors.js';
import { decodeIdx } from '../idx/decode-idx.js';
import type { IdxArray } from '../idx/parse-idx.js';
import type { ImageDataset } from '../image-dataset.js';
import {
  type DatasetName,
  type DatasetSpec,
  type FileSpec,
  getDatasetSpec,
  type SplitName,
} from '../registry.js';
import { openMemorySink, webGunzip, webHasher } from './web-platform.js';

export interface BrowserLoadOptions extends DownloadOptions {
  /** 'train' (default) or 'test'. */
  split?: SplitName;
  /**
   * Where you serve the files (e.g. '/data/mnist/'), tried first. Browsers need CORS: the public
   * mirrors mostly do not send it, so serving the files yourself is the reliable way.
   */
  baseUrl?: string | readonly string[];
  /** Then try the dataset's public mirrors (default true). */
  useMirrors?: boolean;
  /** Check the registered sha256/md5 before parsing (default true). */
  verify?: boolean;
}

/** Fetch and parse one IDX file (gzip or raw) from a URL. */
export async function loadIdxFromUrl(url: string, options: DownloadOptions = {}): Promise<IdxArray> {
  const bytes = await downloadVerified({ name: url }, [url], openMemorySink, webHasher, options);
  return decodeIdx(bytes, url, webGunzip);
}

/** Fetch (with checksum verification), decompress and parse one split of a dataset. */
export async function loadDataset(
  dataset: DatasetName | DatasetSpec,
  options: BrowserLoadOptions = {},
): Promise<ImageDataset> {
  const spec = getDatasetSpec(dataset);
  const split = options.split ?? 'train';
  const files = spec.splits[split];
  const bases = [
    ...(options.baseUrl === undefined
      ? []
      : typeof options.baseUrl === 'string'
        ? [options.baseUrl]
        : options.baseUrl),
    ...(options.useMirrors === false ? [] : spec.mirrors),
  ];
  const fetchOne = async (file: FileSpec): Promise<IdxArray> => {
    const urls = fileUrls(bases, file.name);
    const checked = options.verify === false ? { name: file.name } : file;
    try {
      const bytes = await downloadVerified(checked, urls, openMemorySink, webHasher, options);
      return await decodeIdx(bytes, file.name, webGunzip);
    } catch (error) {
      if (!(error instanceof DownloadError)) throw error;
      throw new DataNotFoundError(
        `${spec.title} ${split}: could not fetch ${file.name}:\n  ${error.attempts.join('\n  ')}\n` +
          (spec.howToGet ? `${spec.howToGet}\n` : '') +
          `To fix: serve ${files.images.name} and ${files.labels.name} from your site (as application/gzip, ` +
          "without Content-Encoding) and pass { baseUrl: '/path/to/files/' }.",
        { cause: error },
      );
    }
  };
  const [images, labels] = await Promise.all([fetchOne(files.images), fetchOne(files.labels)]);
  return datasetFromIdx(spec, split, images, labels, {
    images: files.images.name,
    labels: files.labels.name,
  });
}

export function loadMnist(options: BrowserLoadOptions = {}): Promise<ImageDataset> {
  return loadDataset('mnist', options);
}

export async function loadDatasetSplits(
  dataset: DatasetName | DatasetSpec,
  options: Omit<BrowserLoadOptions, 'split'> = {},
): Promise<{ train: ImageDataset; test: ImageDataset }> {
  const [train, test] = await Promise.all([
    loadDataset(dataset, { ...options, split: 'train' }),
    loadDataset(dataset, { ...options, split: 'test' }),
  ]);
  return { train, test };
}

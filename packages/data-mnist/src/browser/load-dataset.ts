import {
  checkedSink,
  type FileKind,
  idxFileBytes,
  maxTransferBytes,
  readDatasetFile,
} from '../dataset-file.js';
import { datasetFromIdx, fileUrls, loadBothSplits } from '../dataset-from-idx.js';
import { type DownloadOptions, downloadVerified } from '../download/download.js';
import { DataNotFoundError, DownloadError, describeAttempts } from '../errors.js';
import { decodeIdx } from '../idx/decode-idx.js';
import type { IdxArray } from '../idx/parse-idx.js';
import type { ImageDataset } from '../image-dataset.js';
import {
  type DatasetName,
  type DatasetSpec,
  getDatasetSpec,
  type SplitName,
  splitSpec,
} from '../registry.js';
import { openMemorySink, WEB_PLATFORM as WEB, webGunzip, webHasher } from './web-platform.js';

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
  /** Check the registered checksum before parsing (default true). */
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
  const files = splitSpec(spec, split);
  const bases = [
    ...(options.baseUrl === undefined
      ? []
      : typeof options.baseUrl === 'string'
        ? [options.baseUrl]
        : options.baseUrl),
    ...(options.useMirrors === false ? [] : spec.mirrors),
  ];
  const fetchOne = async (kind: FileKind): Promise<IdxArray> => {
    const file = files[kind];
    const idxBytes = idxFileBytes(spec, split, kind);
    const urls = fileUrls(bases, file.name);
    let parsed: IdxArray | undefined;
    try {
      // The bytes are decoded and checked before the download counts as done, so a mirror serving
      // other data fails its attempt and the next one is tried.
      await downloadVerified(
        { name: file.name },
        urls,
        async () =>
          checkedSink(await openMemorySink(), async (bytes) => {
            parsed = await readDatasetFile(bytes, file, file.name, WEB, { verify: options.verify, idxBytes });
          }),
        webHasher,
        { maxBytes: maxTransferBytes(idxBytes), ...options },
      );
    } catch (error) {
      if (!(error instanceof DownloadError)) throw error;
      throw new DataNotFoundError(
        `${spec.title} ${split}: could not fetch ${file.name}:\n  ${describeAttempts(error.failures).join('\n  ')}\n` +
          (spec.howToGet ? `${spec.howToGet}\n` : '') +
          `To fix: serve ${files.images.name} and ${files.labels.name} from your site (as application/gzip, ` +
          "without Content-Encoding) and pass { baseUrl: '/path/to/files/' }.",
        undefined,
        { cause: error },
      );
    }
    return parsed as IdxArray;
  };
  // One file at a time, images first, as in Node: the first problem is the one reported.
  const images = await fetchOne('images');
  const labels = await fetchOne('labels');
  return datasetFromIdx(spec, split, images, labels, {
    images: files.images.name,
    labels: files.labels.name,
  });
}

export function loadMnist(options: BrowserLoadOptions = {}): Promise<ImageDataset> {
  return loadDataset('mnist', options);
}

/** Both splits, train then test (as the Node entry point does). */
export function loadDatasetSplits(
  dataset: DatasetName | DatasetSpec,
  options: Omit<BrowserLoadOptions, 'split'> = {},
): Promise<{ train: ImageDataset; test: ImageDataset }> {
  return loadBothSplits((split) => loadDataset(dataset, { ...options, split }));
}

import { DataNotFoundError, type ImageDataset, loadDataset } from '@snn/data-mnist';
import type { DatasetName } from '../cli/train-config.js';
import { DataUnavailableError } from '../errors.js';

export interface DataRequest {
  readonly dataset: DatasetName;
  readonly dataDir: string | undefined;
  readonly limitTrain?: number | undefined;
  readonly limitTest?: number | undefined;
  /** Load the training split too (eval and predict need only the test split). */
  readonly train: boolean;
  /** Download when no local copy exists (default true). */
  readonly download?: boolean;
  /** Cache root instead of ~/.cache/snn, and the environment to read SNN_MNIST_DIR from (tests). */
  readonly cacheDir?: string;
  readonly env?: Record<string, string | undefined>;
  /** Where download progress goes (default: nowhere). */
  readonly log?: (line: string) => void;
}

export interface LoadedData {
  readonly train: ImageDataset | undefined;
  readonly test: ImageDataset;
}

/**
 * The data set's splits through @snn/data-mnist's chain (--data-dir, $SNN_MNIST_DIR, the user cache,
 * a download), cut to --limit-train/--limit-test. A missing data set becomes one error that says
 * how to provide it, including the app's own flag.
 */
export async function loadData(request: DataRequest): Promise<LoadedData> {
  let lastPercent = -1;
  const onProgress = request.log
    ? (p: { file: string; receivedBytes: number; totalBytes: number | undefined }) => {
        if (p.totalBytes === undefined) return;
        const percent = Math.floor((100 * p.receivedBytes) / p.totalBytes / 25) * 25;
        if (percent === lastPercent) return;
        lastPercent = percent;
        request.log?.(`downloading ${p.file}: ${percent}%`);
      }
    : undefined;
  const load = async (split: 'train' | 'test', limit: number | undefined) => {
    lastPercent = -1;
    try {
      const set = await loadDataset(request.dataset, {
        split,
        dataDir: request.dataDir,
        onProgress,
        download: request.download,
        cacheDir: request.cacheDir,
        env: request.env,
      });
      return limit === undefined ? set : set.take(limit);
    } catch (error) {
      if (error instanceof DataNotFoundError) throw new DataUnavailableError(cliMessage(error, request));
      throw error;
    }
  };
  const test = await load('test', request.limitTest);
  const train = request.train ? await load('train', request.limitTrain) : undefined;
  return { train, test };
}

/** Download size of each data set's four files (what the first run fetches). */
const DOWNLOAD_SIZE: Record<DatasetName, string> = {
  mnist: 'about 11 MB',
  'fashion-mnist': 'about 30 MB',
  kmnist: 'about 21 MB',
};

/**
 * The library's facts in the command line's words: `--data-dir` instead of the `dataDir` option,
 * `--no-download` instead of `download: false`, each URL once.
 */
function cliMessage(error: DataNotFoundError, request: DataRequest): string {
  const d = error.details;
  if (d === undefined) return error.message;
  const place = (label: string) => (label === 'dataDir option' ? '--data-dir' : label);
  const download = d.download.map((line) =>
    line === 'download: disabled (download: false)' ? 'download: off (--no-download)' : line,
  );
  return [
    d.summary,
    'Looked in:',
    ...d.searched.map(
      (p) => `  ${place(p.label)}: ${p.dir === undefined ? 'not given' : `${p.dir} (files not there)`}`,
    ),
    ...download,
    ...(d.howToGet ? [d.howToGet] : []),
    `To fix: pass --data-dir /path/to/folder (the four IDX files of ${request.dataset}, gzip or not), ` +
      `set ${d.envVar}=/path/to/folder, or run without --no-download to fetch them into ${d.cacheDir} ` +
      `(${DOWNLOAD_SIZE[request.dataset]}, checksums verified).`,
  ].join('\n');
}

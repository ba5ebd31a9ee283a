import {
  DataNotFoundError,
  type ImageDataset,
  loadDataset,
  loadDatasetFromFiles,
  type SplitName,
} from '@snn/data-mnist/browser';
import type { Splits } from './session.js';

/*
 * MNIST in the browser through @snn/data-mnist's browser entry: fetched from a URL (the site's own
 * data/mnist/ folder by default) or read from files the user picked; checksums verified either way.
 * The test split is required (evaluation, test digits); the training split only for training.
 */

export interface LoadedData extends Splits {
  /** Where the data came from, for the page. */
  readonly source: string;
}

async function bothSplits(
  load: (split: SplitName) => Promise<ImageDataset>,
  source: string,
): Promise<LoadedData> {
  const test = await load('test');
  try {
    return { train: await load('train'), test, source };
  } catch (error) {
    if (!(error instanceof DataNotFoundError)) throw error;
    return {
      train: undefined,
      test,
      source: `${source} (test split only: training needs the two train files)`,
    };
  }
}

/** Both splits from `baseUrl` (an absolute URL of a folder holding the four .gz files). */
export function loadFromUrl(baseUrl: string): Promise<LoadedData> {
  return bothSplits(
    (split) => loadDataset('mnist', { baseUrl, useMirrors: false, split, retries: 0 }),
    baseUrl,
  );
}

/** Both splits from the files the user picked. */
export function loadFromFiles(files: readonly File[]): Promise<LoadedData> {
  return bothSplits(
    (split) => loadDatasetFromFiles('mnist', files, { split }),
    `${files.length} picked file${files.length === 1 ? '' : 's'}`,
  );
}

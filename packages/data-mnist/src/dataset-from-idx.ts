// Platform-free steps of loadDataset, shared by the Node and browser entry points (which differ only
// in where the bytes come from).
import type { IdxArray } from './idx/parse-idx.js';
import { ImageDataset } from './image-dataset.js';
import { type DatasetSpec, type SplitName, splitSpec } from './registry.js';

/** The URL of `fileName` under each base URL (a missing trailing slash is added). */
export function fileUrls(bases: readonly string[], fileName: string): string[] {
  return bases.map((b) => (b.endsWith('/') ? b : `${b}/`) + fileName);
}

/** Build one split's ImageDataset from its parsed IDX pair, with the spec's label rules and stats. */
export function datasetFromIdx(
  spec: DatasetSpec,
  split: SplitName,
  images: IdxArray,
  labels: IdxArray,
  sources: { images: string; labels: string },
): ImageDataset {
  const files = splitSpec(spec, split);
  return ImageDataset.fromIdx(
    images,
    labels,
    {
      numClasses: spec.numClasses,
      labelMin: spec.labelMin,
      count: files.count,
      transpose: spec.transposed,
      stats:
        spec.mean !== undefined && spec.std !== undefined ? { mean: spec.mean, std: spec.std } : undefined,
    },
    sources,
  );
}

/**
 * Both splits, loaded one after the other (train, then test), in Node and in browsers alike: the
 * first failure is the one reported, and only one split's files are in flight at a time.
 */
export async function loadBothSplits<T>(
  load: (split: SplitName) => Promise<T>,
): Promise<{ train: T; test: T }> {
  const train = await load('train');
  const test = await load('test');
  return { train, test };
}

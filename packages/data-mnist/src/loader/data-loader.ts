import { DatasetError } from '../errors.js';
import type { ImageDataset } from '../image-dataset.js';
import { type Normalization, normalizationTable } from './normalize.js';
import { epochSeed, permutation } from './prng.js';

/**
 * One minibatch from a {@link DataLoader}: normalised images and their labels, as flat arrays ready
 * for `snn.tensor(images, shape)`.
 *
 * @example
 * ```ts
 * const loader = new DataLoader(await loadMnist({ split: 'train' }), { batchSize: 128, normalize: 'unit' });
 * for (const batch of loader.epoch(0)) {
 *   const x = tensor(batch.images, batch.shape); // [batchSize, 1, 28, 28]
 * }
 * ```
 */
export interface Batch {
  /** Normalised pixels, `batchSize * height * width` floats, NCHW with C = 1. */
  readonly images: Float32Array;
  /** One class index per example, `batchSize` bytes. */
  readonly labels: Uint8Array;
  /** Examples in this batch (the last batch may be smaller unless `dropLast`). */
  readonly batchSize: number;
  /** `[batchSize, 1, height, width]`: the NCHW shape of `images`. */
  readonly shape: readonly [number, 1, number, number];
  /** Positions of these examples in the dataset. */
  readonly indices: Uint32Array;
}

/**
 * Batching, shuffling and normalisation for a {@link DataLoader}. Every field is optional.
 *
 * @example
 * ```ts
 * const train = await loadMnist({ split: 'train' });
 * const loader = new DataLoader(train, { batchSize: 128, shuffle: true, seed: 42, normalize: 'unit' });
 * ```
 */
export interface DataLoaderOptions {
  /** Examples per batch (default 64). */
  batchSize?: number;
  /** Shuffle every epoch (default false). The order depends only on `seed` and the epoch number. */
  shuffle?: boolean;
  /** Seed for shuffling (default 0). */
  seed?: number;
  /** Drop the last batch when it is smaller than `batchSize` (default false: keep it). */
  dropLast?: boolean;
  /**
   * Pixel normalisation. Default: 'standard' when the dataset has registered statistics (MNIST:
   * mean 0.1307, std 0.3081), else 'unit'.
   */
  normalize?: Normalization;
  /** Mean/std for 'standard' (default: the dataset's `stats`). */
  stats?: {
    /** Mean of the pixels scaled to [0, 1] (MNIST 0.1307). */
    mean: number;
    /** Standard deviation of the pixels scaled to [0, 1] (MNIST 0.3081). */
    std: number;
  };
  /**
   * Reuse one images/labels buffer for every full batch (default false). Faster and allocation
   * free, but each batch is valid only until the next one is requested.
   */
  reuseBuffers?: boolean;
}

/**
 * Iterates over a dataset in batches. Nothing is copied per epoch except the batch being built:
 * the dataset stays as bytes and each batch is normalised from it through a 256-entry table.
 *
 * @example
 * ```ts
 * // Three 2×2 images in memory (or: await loadMnist({ split: 'train' }))
 * const ds = new ImageDataset(new Uint8Array(12).fill(255), new Uint8Array([0, 1, 2]), 2, 2, 10);
 * const loader = new DataLoader(ds, { batchSize: 2, shuffle: true, seed: 42, normalize: 'unit' });
 * for (const batch of loader.epoch(0)) {
 *   const x = tensor(batch.images, [...batch.shape]); // [2, 1, 2, 2], then [1, 1, 2, 2]
 *   console.log(batch.shape, batch.labels); // the epoch's order depends only on seed and epoch
 * }
 * ```
 */
export class DataLoader implements Iterable<Batch> {
  /** Examples per batch (option `batchSize`, default 64). */
  readonly batchSize: number;
  /** Whether each epoch has its own order (option `shuffle`, default false). */
  readonly shuffle: boolean;
  /** Seed of the shuffle (option `seed`, default 0). */
  readonly seed: number;
  /** Whether a smaller last batch is dropped (option `dropLast`, default false). */
  readonly dropLast: boolean;
  /** Whether full batches share one buffer (option `reuseBuffers`, default false). */
  readonly reuseBuffers: boolean;
  private readonly lut: Float32Array;
  private nextEpoch = 0;

  /**
   * @param dataset - The examples to batch (not copied).
   * @param options - Batch size, shuffling, normalisation (see {@link DataLoaderOptions}).
   * @throws {@link DatasetError} for a batch size that is not a positive integer, or 'standard'
   *   normalisation without statistics.
   * @example
   * ```ts
   * const train = await loadMnist({ split: 'train' });
   * const loader = new DataLoader(train, { batchSize: 64, shuffle: true });
   * for (const batch of loader) console.log(batch.shape); // [64, 1, 28, 28]
   * ```
   */
  constructor(
    /** The dataset being batched. */
    readonly dataset: ImageDataset,
    options: DataLoaderOptions = {},
  ) {
    this.batchSize = options.batchSize ?? 64;
    if (!Number.isInteger(this.batchSize) || this.batchSize < 1) {
      throw new DatasetError(`DataLoader: batchSize must be a positive integer, got ${options.batchSize}`);
    }
    this.shuffle = options.shuffle ?? false;
    this.seed = options.seed ?? 0;
    this.dropLast = options.dropLast ?? false;
    this.reuseBuffers = options.reuseBuffers ?? false;
    const stats = options.stats ?? dataset.stats;
    this.lut = normalizationTable(options.normalize ?? (stats ? 'standard' : 'unit'), stats);
  }

  /** Batches per epoch. */
  get length(): number {
    const n = this.dataset.length;
    return this.dropLast ? Math.floor(n / this.batchSize) : Math.ceil(n / this.batchSize);
  }

  /** The example order of `epoch` (identity when not shuffling). */
  order(epoch: number): Uint32Array {
    const n = this.dataset.length;
    if (this.shuffle) return permutation(n, epochSeed(this.seed, epoch));
    const out = new Uint32Array(n);
    for (let i = 0; i < n; i++) out[i] = i;
    return out;
  }

  /** Iterating the loader runs the next epoch: 0, 1, 2, ... */
  [Symbol.iterator](): Iterator<Batch> {
    return this.epoch(this.nextEpoch++);
  }

  /** The batches of a given epoch; the same epoch always yields the same batches. */
  *epoch(epoch: number): Generator<Batch, void, undefined> {
    const order = this.order(epoch);
    const { dataset, batchSize, lut } = this;
    const size = dataset.imageSize;
    const pixels = dataset.images;
    let shared: { images: Float32Array; labels: Uint8Array } | undefined;
    for (let b = 0; b < this.length; b++) {
      const start = b * batchSize;
      const count = Math.min(batchSize, order.length - start);
      const indices = order.subarray(start, start + count);
      let images: Float32Array;
      let labels: Uint8Array;
      if (this.reuseBuffers && count === batchSize) {
        shared ??= { images: new Float32Array(batchSize * size), labels: new Uint8Array(batchSize) };
        ({ images, labels } = shared);
      } else {
        images = new Float32Array(count * size);
        labels = new Uint8Array(count);
      }
      for (let k = 0; k < count; k++) {
        const src = indices[k] * size;
        const dst = k * size;
        for (let p = 0; p < size; p++) images[dst + p] = lut[pixels[src + p]];
        labels[k] = dataset.labels[indices[k]];
      }
      yield { images, labels, batchSize: count, shape: [count, 1, dataset.height, dataset.width], indices };
    }
  }
}

/**
 * All images as one Float32Array (length * height * width), normalised like a DataLoader would
 * (same `normalize`/`stats` options and defaults). For code that wants the whole set at once.
 *
 * @param dataset - The images to convert.
 * @param options - normalize (default 'standard' when the dataset has stats, else 'unit') and stats.
 * @example
 * ```ts
 * const ds = new ImageDataset(new Uint8Array([0, 255, 51, 102]), new Uint8Array([3]), 2, 2, 10);
 * console.log(toFloat32(ds, { normalize: 'unit' })); // Float32Array [0, 1, 0.2, 0.4]
 * const x = tensor(toFloat32(ds, { normalize: 'unit' }), [ds.length, 1, ds.height, ds.width]);
 * ```
 */
export function toFloat32(
  dataset: ImageDataset,
  options: Pick<DataLoaderOptions, 'normalize' | 'stats'> = {},
): Float32Array {
  const stats = options.stats ?? dataset.stats;
  const lut = normalizationTable(options.normalize ?? (stats ? 'standard' : 'unit'), stats);
  const out = new Float32Array(dataset.images.length);
  for (let i = 0; i < out.length; i++) out[i] = lut[dataset.images[i]];
  return out;
}

/**
 * Split a dataset into two disjoint parts, e.g. train/validation. `first` is a count or a
 * fraction of the examples. With a seed the examples are shuffled first (deterministically);
 * without one the split is the first / remaining examples, as views.
 *
 * @param dataset - The dataset to split.
 * @param first - The first part's size: a count, or a fraction in (0, 1) of the examples.
 * @param seed - Shuffle with this seed first (default: no shuffle).
 * @example
 * ```ts
 * // 10 one-pixel images; with MNIST: randomSplit(await loadMnist(), 55000, 0)
 * const ds = new ImageDataset(new Uint8Array(10), new Uint8Array(10), 1, 1, 10);
 * const [train, validation] = randomSplit(ds, 0.8, 42);
 * console.log(train.length, validation.length); // 8 2
 * ```
 */
export function randomSplit(
  dataset: ImageDataset,
  first: number,
  seed?: number,
): [ImageDataset, ImageDataset] {
  const n = dataset.length;
  const k = first > 0 && first < 1 ? Math.round(first * n) : first;
  if (!Number.isInteger(k) || k < 0 || k > n) {
    throw new DatasetError(
      `randomSplit: first part must be a fraction in (0, 1) or a count in [0, ${n}], got ${first}`,
    );
  }
  if (seed === undefined) return [dataset.slice(0, k), dataset.slice(k)];
  const order = permutation(n, seed >>> 0);
  return [dataset.select(order.subarray(0, k)), dataset.select(order.subarray(k))];
}

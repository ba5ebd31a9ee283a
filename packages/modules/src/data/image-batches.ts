import { dispose, noGrad, type Tensor, tensor, tidy } from '@snn/core';
import type { Batch } from '../training/fit.js';

/**
 * One batch of labelled images as an image loader yields it: `@snn/data-mnist`'s `Batch` has this
 * shape (declared here so that @snn/modules does not depend on the data package, nor it on core).
 */
export interface ImageBatchLike {
  /** Pixels, `batchSize * channels * height * width` floats, NCHW. */
  readonly images: Float32Array;
  /** One class index per image. */
  readonly labels: ArrayLike<number>;
  /** Images in the batch (the last batch of an epoch may be smaller). */
  readonly batchSize: number;
  /** [batchSize, channels, height, width]. */
  readonly shape: readonly number[];
}

/** A loader whose batches depend only on the epoch (`@snn/data-mnist`'s `DataLoader`). */
export interface EpochLoader<B extends ImageBatchLike = ImageBatchLike> {
  /** The batches of epoch `epoch` (0-based), in an order that depends only on the epoch (and the loader's seed). */
  epoch(epoch: number): Iterable<B>;
}

/** Options of {@link imageBatches}: the input layout and an optional encoder. */
export interface ImageBatchesOptions {
  /** The pixel tensor's layout: 'flat' [B, C*H*W] (default, a Linear's input) or 'image' [B, C, H, W]. */
  layout?: 'flat' | 'image';
  /**
   * Turns the pixels into the model's input, e.g. an encoder making spike trains [T, B, ...]
   * (`(x) => rate(x, 25)`); run without recording gradients. Default: the pixels as they are.
   */
  encode?: (pixels: Tensor, where: { readonly epoch: number; readonly batch: number }) => Tensor;
}

/**
 * `fit`'s batch source from an image loader: for each epoch, the loader's batches as tensors, x the
 * (encoded) pixels and y the labels as int32 [B], the loader's epoch order unchanged. Use as
 * `fit({ trainBatches: imageBatches(trainLoader), evalBatches: imageBatches(testLoader), ... })`.
 *
 * @param loader - Anything with `epoch(e)` yielding image batches (`@snn/data-mnist`'s DataLoader).
 * @param options - layout: 'flat' [B, C*H*W] (default) or 'image' [B, C, H, W]; encode: pixels to the
 *   model's input (default: none).
 * @example
 * ```ts
 * // An in-memory loader of two 2x2 images (a DataLoader of @snn/data-mnist yields the same batches)
 * const loader = {
 *   epoch: (_epoch: number) => [
 *     { images: new Float32Array([0, 1, 1, 0, 1, 0, 0, 1]), labels: [0, 1], batchSize: 2, shape: [2, 1, 2, 2] },
 *   ],
 * };
 * const batches = imageBatches(loader, { encode: (x) => rate(x, 10, { seed: 0 }) });
 * for (const { x, y } of batches(0)) console.log(x.shape, y.shape); // [10, 2, 4] [2]
 * ```
 */
export function imageBatches(
  loader: EpochLoader,
  { layout = 'flat', encode }: ImageBatchesOptions = {},
): (epoch: number) => Iterable<Batch> {
  return function* (epoch: number): Generator<Batch> {
    let index = 0;
    for (const b of loader.epoch(epoch)) {
      const [n, ...rest] = b.shape;
      const pixels = tensor(
        b.images,
        layout === 'flat' ? [n, rest.reduce((p, d) => p * d, 1)] : [...b.shape],
      );
      const where = { epoch, batch: index };
      // In a scope: an encoder's temporaries go, the input it returns stays.
      const x = encode === undefined ? pixels : tidy(() => noGrad(() => encode(pixels, where)));
      if (x !== pixels) dispose(pixels);
      yield { x, y: tensor(Int32Array.from(b.labels), [b.batchSize], 'int32'), size: b.batchSize };
      index += 1;
    }
  };
}

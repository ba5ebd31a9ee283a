import { dispose, type Tensor, tensor } from '@snn/core';
import { type Batch as DataBatch, DataLoader, type ImageDataset } from '@snn/data-mnist';
import type { Batch } from '@snn/modules';
import { batchSeed, encodeInput } from '../models/input-encoding.js';
import type { PresetNetwork } from '../models/network.js';
import { type EncoderName, PRESETS, type PresetName } from '../presets.js';

export interface BatchSettings {
  readonly preset: PresetName;
  readonly encoder: EncoderName;
  readonly steps: number;
  readonly batchSize: number;
  readonly seed: number;
}

/** Seed streams, so training, evaluation and pictures never share encoder randomness. */
export const STREAM = { train: 0, eval: 1, pictures: 2 } as const;

export interface PixelStats {
  readonly mean: number;
  readonly std: number;
}

/**
 * The pixel statistics 'standard' normalisation uses: the data set's registered ones (MNIST 0.1307 /
 * 0.3081, as the tutorials), else those measured on the training split (Fashion-MNIST, KMNIST).
 */
export function pixelStatsOf(train: ImageDataset): PixelStats {
  return train.stats ?? train.pixelStats();
}

export function makeLoader(
  set: ImageDataset,
  settings: BatchSettings,
  shuffle: boolean,
  stats: PixelStats,
): DataLoader {
  return new DataLoader(set, {
    batchSize: settings.batchSize,
    shuffle,
    seed: settings.seed,
    normalize: PRESETS[settings.preset].normalization,
    stats,
  });
}

/** Pixels of a data-mnist batch as the tensor the network's encoder takes ([B, 784] or [B, 1, 28, 28]). */
export function pixelsTensor(batch: DataBatch, layout: PresetNetwork['inputLayout']): Tensor {
  const [b, c, h, w] = batch.shape;
  return tensor(batch.images, layout === 'flat' ? [b, c * h * w] : [b, c, h, w]);
}

/**
 * One epoch of encoded batches for `fit`: x is the encoded input (spikes [T, B, ...], or the pixels
 * for direct input), y the labels as int32. The encoder seed of each batch is a function of
 * (seed, stream, epoch, batch) only, so a resumed run sees the same input as an uninterrupted one.
 */
export function* encodedBatches(
  loader: DataLoader,
  settings: BatchSettings,
  layout: PresetNetwork['inputLayout'],
  epoch: number,
  stream: number,
  /** Sees each batch's pixels and labels before encoding (the web app shows the current sample). */
  peek?: (batch: DataBatch) => void,
): Generator<Batch> {
  let index = 0;
  for (const batch of loader.epoch(epoch)) {
    peek?.(batch);
    yield encodeBatch(batch, settings, layout, batchSeed(settings.seed, stream, epoch, index));
    index += 1;
  }
}

export function encodeBatch(
  batch: DataBatch,
  settings: BatchSettings,
  layout: PresetNetwork['inputLayout'],
  seed: number,
): Batch {
  const pixels = pixelsTensor(batch, layout);
  const encoded = encodeInput(pixels, {
    encoder: settings.encoder,
    steps: settings.steps,
    poissonFMax: PRESETS[settings.preset].poissonFMax,
    seed,
  });
  if (encoded.x !== pixels) dispose(pixels);
  const y = tensor(Int32Array.from(batch.labels), [batch.batchSize], 'int32');
  return { x: encoded.x, y, size: batch.batchSize };
}

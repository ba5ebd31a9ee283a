import { slice, type Tensor } from '@snn/core';
import type { Batch } from '@snn/modules';
import type { TrainConfig } from '../cli/train-config.js';
import { PRESETS } from '../presets.js';

/**
 * How much of its memory a training batch may take. Backpropagation through time keeps every time
 * step's activations; tfjs-wasm's heap stops at 4 GiB (a WebAssembly limit), and the weights,
 * optimizer state, data and the heap's fragmentation need the rest.
 */
export const TRAIN_MEMORY_BUDGET = 1.5 * 2 ** 30;

/**
 * The largest part of a batch whose backpropagation fits the budget, for presets that state their
 * memory per sample and step (norse-conv: about 37 samples at its 48 steps), else the batch size.
 * fit accumulates the parts' gradients into one optimizer step, so a batch of 256 still trains as
 * one batch of 256 (the tutorial's), with the memory of one part.
 */
export function microBatchSize(config: Pick<TrainConfig, 'preset' | 'steps' | 'batchSize'>): number {
  const perSampleStep = PRESETS[config.preset].bytesPerSampleStep;
  if (perSampleStep === undefined) return config.batchSize;
  const fits = Math.floor(TRAIN_MEMORY_BUDGET / (perSampleStep * config.steps));
  return Math.max(1, Math.min(config.batchSize, fits));
}

/**
 * A batch in parts of at most `size` samples. `x` is [T, B, ...] spikes (batch axis 1) or, for
 * `direct` input, [B, ...] pixels (batch axis 0); `y` is [B].
 */
export function splitBatch(batch: Batch, size: number, batchAxis: 0 | 1): Batch[] {
  const n = batch.size ?? batch.y.shape[0];
  if (n <= size) return [batch];
  const along = (t: Tensor, axis: number, start: number, count: number) =>
    slice(
      t,
      t.shape.map((_, d) => (d === axis ? start : 0)),
      t.shape.map((dim, d) => (d === axis ? count : dim)),
    );
  const parts: Batch[] = [];
  for (let start = 0; start < n; start += size) {
    const count = Math.min(size, n - start);
    parts.push({
      x: along(batch.x, batchAxis, start, count),
      y: along(batch.y, 0, start, count),
      size: count,
    });
  }
  return parts;
}

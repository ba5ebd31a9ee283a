import { dispose, noGrad, type Tensor, tensor, tidy } from '@snn/core';
import { DataLoader, type ImageDataset } from '@snn/data-mnist';
import type { OnnxPredictor } from '@snn/onnx';
import type { PresetNetwork } from '../models/network.js';
import { PRESETS } from '../presets.js';
import { encodeBatch } from '../train/batches.js';
import type { restoreNetwork } from '../train/restore.js';

type StoredRun = Awaited<ReturnType<typeof restoreNetwork>>['run'];

/** One batch of test images as both sides take it. */
export interface TestBatch {
  /** The network input for the library: pixels (normalised as the app does) or spike trains. */
  readonly library: Tensor;
  /** The same input for the ONNX file: raw pixel bytes, or the same spike trains. */
  readonly onnx: Uint8Array | Float32Array;
  readonly size: number;
}

/**
 * The test images in batches. Image models: the app's normalised pixels for the library, the raw
 * bytes for the file (it normalises them itself). Models of a stochastic encoder take the spike
 * train as input (the encoder is not in the file): one Bernoulli train per batch from a seeded
 * generator (p = pixel / 255, the rate encoder's), fed to both sides.
 */
export function* testBatches(
  network: PresetNetwork<unknown>,
  run: StoredRun,
  test: ImageDataset,
  batchSize: number,
  seed = 0,
): Generator<TestBatch> {
  const loader = new DataLoader(test, {
    batchSize,
    normalize: PRESETS[run.config.preset].normalization,
    stats: run.pixelStats,
  });
  const steps = run.config.steps;
  const stochastic = run.config.encoder === 'rate' || run.config.encoder === 'poisson';
  const scale = run.config.encoder === 'poisson' ? PRESETS[run.config.preset].poissonFMax * 0.001 : 1;
  let state = (0x9e3779b9 ^ seed) >>> 0 || 1;
  let start = 0;
  for (const batch of loader.epoch(0)) {
    const pixels = test.images.subarray(start * 784, (start + batch.batchSize) * 784);
    start += batch.batchSize;
    if (!stochastic) {
      const encoded = encodeBatch(batch, { ...run.config, batchSize, seed }, network.inputLayout, 0);
      encoded.y.dispose();
      yield { library: encoded.x, onnx: pixels, size: batch.batchSize };
      continue;
    }
    const spikes = new Float32Array(steps * pixels.length);
    for (let t = 0; t < steps; t++) {
      for (let k = 0; k < pixels.length; k++) {
        // xorshift32, inline: uniform in [0, 1) from the top 24 bits.
        state ^= state << 13;
        state ^= state >>> 17;
        state ^= state << 5;
        spikes[t * pixels.length + k] = (state >>> 8) / 16777216 < (pixels[k] / 255) * scale ? 1 : 0;
      }
    }
    const shape =
      network.inputLayout === 'flat' ? [steps, batch.batchSize, 784] : [steps, batch.batchSize, 1, 28, 28];
    yield { library: tensor(spikes, shape), onnx: spikes, size: batch.batchSize };
  }
}

/** Class scores of both sides for every test image: the library's (current backend) and onnxruntime's. */
export interface BothScores {
  readonly library: Float32Array;
  readonly onnx: Float32Array;
  readonly librarySeconds: number;
  readonly onnxSeconds: number;
}

export async function bothScores(
  network: PresetNetwork<unknown>,
  run: StoredRun,
  predictor: OnnxPredictor,
  test: ImageDataset,
  options: { batchSize: number; seed?: number; onBatch?: (done: number) => void },
): Promise<BothScores> {
  const library = new Float32Array(test.length * 10);
  const onnx = new Float32Array(test.length * 10);
  let at = 0;
  let librarySeconds = 0;
  let onnxSeconds = 0;
  for (const batch of testBatches(network, run, test, options.batchSize, options.seed)) {
    const t0 = performance.now();
    const scores = tidy(() => noGrad(() => network.scores(network.forward(batch.library))));
    library.set((await scores.data()) as Float32Array, at * 10);
    dispose([scores, batch.library]);
    const t1 = performance.now();
    const r = await predictor.predict(batch.onnx, { steps: run.config.steps });
    onnx.set(r.scores, at * 10);
    onnxSeconds += (performance.now() - t1) / 1000;
    librarySeconds += (t1 - t0) / 1000;
    at += batch.size;
    options.onBatch?.(at);
  }
  return { library, onnx, librarySeconds, onnxSeconds };
}

export function argmax(scores: Float32Array, classes: number): Int32Array {
  const n = scores.length / classes;
  const labels = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    let best = 0;
    for (let c = 1; c < classes; c++) if (scores[i * classes + c] > scores[i * classes + best]) best = c;
    labels[i] = best;
  }
  return labels;
}

/** How far the two sides' answers are apart. */
export interface Agreement {
  readonly images: number;
  /** Images whose predicted class is the same on both sides. */
  readonly agree: number;
  /** Images whose scores all differ by at most `tolerance`. */
  readonly close: number;
  readonly tolerance: number;
  /** The largest and the smallest score difference above `tolerance` (0 when there is none). */
  readonly worst: number;
  readonly smallest: number;
  /** How many classes the library's predictions use (a network that answers one class proves little). */
  readonly classesUsed: number;
}

export function agreement(
  library: Float32Array,
  onnx: Float32Array,
  classes = 10,
  tolerance = 1e-4,
): Agreement {
  const want = argmax(library, classes);
  const got = argmax(onnx, classes);
  let agree = 0;
  let close = 0;
  let worst = 0;
  let smallest = Number.POSITIVE_INFINITY;
  for (let i = 0; i < want.length; i++) {
    if (got[i] === want[i]) agree++;
    let diff = 0;
    for (let c = 0; c < classes; c++)
      diff = Math.max(diff, Math.abs(onnx[i * classes + c] - library[i * classes + c]));
    if (diff <= tolerance) close++;
    else {
      worst = Math.max(worst, diff);
      smallest = Math.min(smallest, diff);
    }
  }
  return {
    images: want.length,
    agree,
    close,
    tolerance,
    worst,
    smallest: Number.isFinite(smallest) ? smallest : 0,
    classesUsed: new Set(want).size,
  };
}

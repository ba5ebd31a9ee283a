import { ArgumentError, add, clip, mul, type Tensor, tensor, tidy } from '@snn/core';
import { RandomStream } from './random-stream.js';
import { checkSeqLength } from './validate.js';

/** Options of `rate` (snnTorch `spikegen.rate`). */
export interface RateOptions {
  /** snnTorch `gain`: x is scaled by it before clipping, default 1. */
  gain?: number;
  /** snnTorch `offset`: added after the gain, default 0. */
  offset?: number;
  /** snnTorch `first_spike_time`: steps before it are silent, default 0. */
  firstSpikeTime?: number;
  /** Seed of the random stream (same seed => same spikes on every backend). Random when omitted. */
  seed?: number;
  /** First Philox counter to use, default 0. */
  randomOffset?: number;
}

/**
 * Rate coding, snnTorch `spikegen.rate(data, num_steps, gain, offset, first_spike_time)` and SpikingJelly
 * `encoding.PoissonEncoder` (one step per call there): p = clip(x * gain + offset, 0, 1), and each of the
 * numSteps steps fires independently with probability p (spike iff u < p, u uniform in [0, 1); p = 1
 * always fires, p = 0 never does). Returns spikes [numSteps, ...x.shape].
 *
 * @param x - Firing probabilities before gain and offset, any shape.
 * @param numSteps - Number of time steps.
 * @param options - gain (default 1), offset (default 0), firstSpikeTime (steps, default 0), seed, randomOffset.
 * @example
 * ```ts
 * // snnTorch: spikegen.rate(data, num_steps=100)
 * const pixels = tensor([[0, 0.5, 1]]); // [batch 1, 3 features]
 * const spikes = rate(pixels, 100, { seed: 0 }); // [100, 1, 3], each step fires with probability x
 * console.log(sum(spikes, 0).arraySync()); // [[0, 43, 100]]
 * ```
 */
export function rate(x: Tensor, numSteps: number, options: RateOptions = {}): Tensor {
  checkSeqLength('rate', numSteps, 'numSteps');
  const gain = options.gain ?? 1;
  const offset = options.offset ?? 0;
  const firstSpikeTime = options.firstSpikeTime ?? 0;
  if (!Number.isFinite(gain) || !Number.isFinite(offset)) {
    throw new ArgumentError(`rate: gain and offset must be finite numbers, got ${gain} and ${offset}`);
  }
  if (!Number.isInteger(firstSpikeTime) || firstSpikeTime < 0 || firstSpikeTime > numSteps - 1) {
    throw new ArgumentError(
      `rate: firstSpikeTime must be an integer in [0, numSteps - 1 = ${numSteps - 1}], got ${firstSpikeTime}`,
    );
  }
  const stream = new RandomStream('rate', options.seed, options.randomOffset);
  return tidy(() => {
    const p = clip(add(mul(x, gain), offset), 0, 1);
    const spikes = stream.bernoulli(p, numSteps);
    if (firstSpikeTime === 0) return spikes;
    // Silence the first `firstSpikeTime` steps, as snnTorch does with spike_data[0:first_spike_time] = 0.
    const mask = timeMask(numSteps, x.rank, firstSpikeTime);
    return mul(spikes, mask);
  });
}

/** [numSteps, 1, ..., 1] float mask: 0 for t < from, 1 after. */
export function timeMask(numSteps: number, rank: number, from: number): Tensor {
  const values = new Float32Array(numSteps);
  for (let t = from; t < numSteps; t++) values[t] = 1;
  return tensor(values, [numSteps, ...new Array<number>(rank).fill(1)]);
}

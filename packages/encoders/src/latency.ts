import {
  ArgumentError,
  add,
  arange,
  cast,
  div,
  equal,
  floor,
  greater,
  less,
  log,
  logicalAnd,
  max,
  maximum,
  min,
  minimum,
  mul,
  notEqual,
  reshape,
  sub,
  type Tensor,
  tensor,
  tidy,
  where,
} from '@snn/core';
import { checkSeqLength } from './validate.js';

/** Options of `latency` (snnTorch `spikegen.latency`). */
export interface LatencyOptions {
  /** Features below it fire at the last step (or never with `clip`), in (0, 1); default 0.01. */
  threshold?: number;
  /** Keeps the logarithm finite for features at the threshold, default 1e-7. */
  epsilon?: number;
  /** RC time constant of the charging LIF (log code) or the slope (linear code), default 1. */
  tau?: number;
  /** Steps before it stay silent, default 0. */
  firstSpikeTime?: number;
  /** Remove the spikes of features below the threshold, default false. */
  clip?: boolean;
  /** Stretch the spike times so the latest lands on the last step, default false. */
  normalize?: boolean;
  /** Linear code t = tau * (1 - x) instead of the RC charging time, default false. */
  linear?: boolean;
}

/**
 * Latency coding, snnTorch `spikegen.latency`: each feature fires exactly once, earlier for larger
 * values. Spike time (snnTorch `latency_code`):
 * - log code (default): t = tau * ln(x' / (x' - threshold)), x' = max(x, threshold + epsilon); with
 *   firstSpikeTime f > 0 shifted so the earliest is at f; with normalize, rescaled to end at numSteps - 1.
 * - linear code: t = min(tau * (1 - x), tau * (1 - threshold)) + f, tau = numSteps - 1 - f with normalize.
 * The spike lands at step round(t) (half to even, as torch.round). As in snnTorch, when some time falls
 * past the last step the times are clamped to it and the whole last step is cleared. A time before step
 * 0 (linear code without normalize, inputs above 1) fires no spike (snnTorch fails there with an index
 * error); a NaN input fires none either. Returns spikes [numSteps, ...x.shape].
 *
 * @param x - Feature values, meant to lie in [0, 1], any shape.
 * @param numSteps - Number of time steps.
 * @param options - threshold (default 0.01), epsilon, tau (default 1), firstSpikeTime, clip, normalize, linear.
 * @example
 * ```ts
 * // snnTorch: spikegen.latency(data, num_steps=5, normalize=True, linear=True)
 * const spikes = latency(tensor([0.02, 0.5, 1]), 5, { normalize: true, linear: true }); // [5, 3]
 * console.log(spikes.arraySync()); // [[0, 0, 1], [0, 0, 0], [0, 1, 0], [0, 0, 0], [1, 0, 0]]: brighter fires first
 * ```
 */
export function latency(x: Tensor, numSteps: number, options: LatencyOptions = {}): Tensor {
  const fn = 'latency';
  checkSeqLength(fn, numSteps, 'numSteps');
  const threshold = options.threshold ?? 0.01;
  const epsilon = options.epsilon ?? 1e-7;
  let tau = options.tau ?? 1;
  const fst = options.firstSpikeTime ?? 0;
  const normalize = options.normalize ?? false;
  const linear = options.linear ?? false;
  if (!(threshold > 0 && threshold < 1)) {
    throw new ArgumentError(`${fn}: threshold must lie in (0, 1), got ${threshold}`);
  }
  if (!(tau > 0) || !Number.isFinite(tau)) throw new ArgumentError(`${fn}: tau must be > 0, got ${tau}`);
  if (!(epsilon > 0)) throw new ArgumentError(`${fn}: epsilon must be > 0, got ${epsilon}`);
  if (!Number.isInteger(fst) || fst < 0 || fst > numSteps - 1) {
    throw new ArgumentError(
      `${fn}: firstSpikeTime must be an integer in [0, numSteps - 1 = ${numSteps - 1}], got ${fst}`,
    );
  }
  if (linear && normalize) tau = numSteps - 1 - fst;

  return tidy(() => {
    const below = less(x, threshold);
    let t: Tensor;
    if (!linear) {
      const xs = maximum(x, threshold + epsilon);
      t = mul(log(div(xs, sub(xs, threshold))), tau);
      if (fst > 0) t = add(sub(t, min(t)), fst); // t - f * (min(t) / f - 1)
      if (normalize) {
        const shifted = sub(t, fst);
        t = add(div(mul(shifted, numSteps - fst - 1), max(shifted)), fst);
      }
    } else {
      t = add(minimum(mul(sub(x, 1), -tau), -tau * (threshold - 1)), fst);
      if (normalize) {
        // snnTorch rescales to [0, numSteps - 1] only when some time went negative (inputs above 1).
        const lo = min(t);
        const rescaled = mul(div(sub(t, lo), sub(max(t), lo)), numSteps - 1);
        t = where(less(lo, 0), rescaled, t);
      }
    }
    const step = roundHalfEven(t);
    const shape = [numSteps, ...new Array<number>(x.rank).fill(1)];
    const times = reshape(arange(0, numSteps), shape);
    const spikes = cast(equal(step, times), 'float32');
    // Out-of-range times: snnTorch clamps them to the last step and then clears that step entirely.
    const overflow = cast(greater(max(step), numSteps - 1), 'float32');
    const lastRow = new Float32Array(numSteps);
    lastRow[numSteps - 1] = 1;
    const keep = sub(1, mul(tensor(lastRow, shape), overflow));
    // (Times beyond the last step match no row, so clamping them would only add to the cleared row.)
    const out = mul(spikes, keep);
    return options.clip ? mul(out, sub(1, cast(below, 'float32'))) : out;
  });
}

/**
 * torch.round: to the nearest integer, ties to even.
 *
 * @example
 * ```ts
 * console.log(roundHalfEven(tensor([0.5, 1.5, 2.5, 2.6])).dataSync()); // [0, 2, 2, 3], as torch.round
 * ```
 */
export function roundHalfEven(x: Tensor): Tensor {
  const r = floor(add(x, 0.5));
  const tie = equal(sub(r, x), 0.5);
  const odd = notEqual(sub(r, mul(floor(mul(r, 0.5)), 2)), 0);
  return where(logicalAnd(tie, odd), sub(r, 1), r);
}

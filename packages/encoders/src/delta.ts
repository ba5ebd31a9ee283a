import {
  ArgumentError,
  cast,
  concat,
  greaterEqual,
  lessEqual,
  slice,
  sub,
  type Tensor,
  tidy,
  zeros,
} from '@snn/core';

/** Options of `delta` (snnTorch `spikegen.delta`). */
export interface DeltaOptions {
  /** A change of at least this much between consecutive steps fires, default 0.1. */
  threshold?: number;
  /** Compare the first step with itself (no spike) instead of with zeros, default false. */
  padding?: boolean;
  /** Also emit -1 for changes of at most -threshold, default false. */
  offSpike?: boolean;
}

/**
 * Delta modulation, snnTorch `spikegen.delta`: x is already time-major [T, ...]; step t fires 1 when
 * x[t] - x[t-1] >= threshold (and -1 when <= -threshold with offSpike). x[-1] is 0, or x[0] with padding.
 * Returns [T, ...x.shape.slice(1)].
 *
 * @param x - Time-major values [T, ...].
 * @param options - threshold (default 0.1), padding (default false), offSpike (default false).
 * @example
 * ```ts
 * // snnTorch: spikegen.delta(data, threshold=0.1, off_spike=True)
 * const signal = tensor([0, 0.05, 0.3, 0.3, 0.1]); // time-major [T]
 * console.log(delta(signal, { threshold: 0.1, offSpike: true }).dataSync()); // [0, 0, 1, 0, -1]
 * ```
 */
export function delta(x: Tensor, options: DeltaOptions = {}): Tensor {
  const threshold = options.threshold ?? 0.1;
  if (!Number.isFinite(threshold)) {
    throw new ArgumentError(`delta: threshold must be a finite number, got ${threshold}`);
  }
  if (x.rank < 1 || x.shape[0] < 1) {
    throw new ArgumentError(`delta: x must be time-major [T, ...] with T >= 1, got [${x.shape.join(', ')}]`);
  }
  return tidy(() => {
    const [steps, ...rest] = x.shape;
    const first = options.padding ? slice(x, [0, ...rest.map(() => 0)], [1, ...rest]) : zeros([1, ...rest]);
    const previous =
      steps === 1 ? first : concat([first, slice(x, [0, ...rest.map(() => 0)], [steps - 1, ...rest])], 0);
    const change = sub(x, previous);
    const on = cast(greaterEqual(change, threshold), 'float32');
    if (!options.offSpike) return on;
    return sub(on, cast(lessEqual(change, -threshold), 'float32'));
  });
}

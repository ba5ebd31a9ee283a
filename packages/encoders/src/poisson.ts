import { mul, type Tensor, tidy } from '@snn/core';
import { RandomStream } from './random-stream.js';
import { checkNonNegative, checkSeqLength } from './validate.js';

/** Options of `poissonEncode` (Norse `poisson_encode(input, seq_length, f_max, dt)`). */
export interface PoissonOptions {
  /** Maximal firing rate in Hz (Norse `f_max`), default 100. */
  fMax?: number;
  /** Integration time step in seconds, default 0.001. */
  dt?: number;
  /** Seed of the random stream (same seed => same spikes on every backend). Random when omitted. */
  seed?: number;
  /** First Philox counter to use, default 0. */
  offset?: number;
}

/**
 * Norse `poisson_encode`: spikes [seqLength, ...x.shape] where each step fires with probability
 * fMax * dt * x (x is meant to lie in [0, 1]; probabilities outside [0, 1] saturate, exactly as in Norse's
 * `rand < p` test). Spike iff u < fMax * dt * x with u uniform in [0, 1).
 *
 * @param x - Values in [0, 1] (e.g. pixel intensities), any shape.
 * @param seqLength - Number of time steps T.
 * @param options - fMax in Hz (default 100), dt in s (default 1e-3), seed and offset of the random stream.
 * @example
 * ```ts
 * // Norse: poisson_encode(x, seq_length=100, f_max=100, dt=1e-3)
 * const pixels = tensor([[0, 0.5, 1]]); // [batch 1, 3 features] in [0, 1]
 * const spikes = poissonEncode(pixels, 100, { fMax: 100, dt: 1e-3, seed: 0 }); // [100, 1, 3]
 * console.log(sum(spikes, 0).arraySync()); // [[0, 6, 11]]: about fMax * dt * x * 100 = 0, 5, 10
 * ```
 */
export function poissonEncode(x: Tensor, seqLength: number, options: PoissonOptions = {}): Tensor {
  const fMax = options.fMax ?? 100;
  const dt = options.dt ?? 0.001;
  checkPoissonArgs('poissonEncode', seqLength, fMax, dt);
  return poissonFromStream(
    x,
    seqLength,
    fMax * dt,
    new RandomStream('poissonEncode', options.seed, options.offset),
  );
}

/** @internal spikes with per-step probability `scale * x`, drawing from `stream`. */
export function poissonFromStream(x: Tensor, seqLength: number, scale: number, stream: RandomStream): Tensor {
  return tidy(() => stream.bernoulli(mul(x, scale), seqLength));
}

export function checkPoissonArgs(fn: string, seqLength: number, fMax: number, dt: number): void {
  checkSeqLength(fn, seqLength);
  checkNonNegative(fn, 'fMax', fMax);
  checkNonNegative(fn, 'dt', dt, true);
}

/**
 * Norse `PoissonEncoder(seq_length, f_max=100, dt=0.001)` as a reusable encoder. Each `forward` call
 * continues the same random stream, so consecutive batches get fresh spikes while a fixed seed replays
 * the whole run.
 *
 * @example
 * ```ts
 * // Norse: encoder = PoissonEncoder(seq_length=100, f_max=100, dt=1e-3)
 * const encoder = new PoissonEncoder(100, 100, 1e-3, { seed: 0 });
 * const spikes = encoder.forward(tensor([[0, 0.5, 1]])); // [100, 1, 3]; the next call draws fresh spikes
 * console.log(spikes.shape); // [100, 1, 3]
 * ```
 */
export class PoissonEncoder {
  /** Number of time steps T of the output. */
  readonly seqLength: number;
  /** Maximal firing rate in Hz (Norse `f_max`), default 100: a value of 1 fires with probability fMax * dt per step. */
  readonly fMax: number;
  /** Time step in seconds, default 0.001. */
  readonly dt: number;
  readonly #stream: RandomStream;

  constructor(seqLength: number, fMax = 100, dt = 0.001, options: { seed?: number; offset?: number } = {}) {
    checkPoissonArgs('PoissonEncoder', seqLength, fMax, dt);
    this.seqLength = seqLength;
    this.fMax = fMax;
    this.dt = dt;
    this.#stream = new RandomStream('PoissonEncoder', options.seed, options.offset);
  }

  /** The seed of this encoder's random stream. */
  get seed(): number {
    return this.#stream.seed;
  }

  /** x [...shape] -> spikes [seqLength, ...shape]. */
  forward(x: Tensor): Tensor {
    return poissonFromStream(x, this.seqLength, this.fMax * this.dt, this.#stream);
  }
}

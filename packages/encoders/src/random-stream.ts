import type { Tensor } from '@snn/core';
import { randomBernoulli, randomUniform } from '@snn/core';
import { checkSeed, randomSeed } from './validate.js';

/**
 * A position in core's counter-based (Philox) random stream: `seed` picks the stream, `offset` the
 * first counter. Each draw of n uniforms consumes ceil(n / 4) counters (one Philox block yields 4 words),
 * so successive draws never overlap and a given (seed, call order) gives the same spikes on every backend.
 *
 * @example
 * ```ts
 * const stream = new RandomStream('myEncoder', 42); // name (for errors), seed
 * const u = stream.uniform([2, 3]); // uniforms in [0, 1)
 * const spikes = stream.bernoulli(tensor([0.5, 1]), 4); // [4, 2]
 * console.log(u.shape, spikes.shape, stream.offset); // [2, 3] [4, 2] 4: each draw moves the stream on
 * ```
 */
export class RandomStream {
  /** The Philox seed that picks the stream. */
  readonly seed: number;
  #offset: number;

  constructor(fn: string, seed?: number, offset = 0) {
    this.seed = seed ?? randomSeed();
    checkSeed(fn, this.seed);
    checkSeed(fn, offset, 'offset');
    this.#offset = offset;
  }

  /** The counter the next draw starts at. */
  get offset(): number {
    return this.#offset;
  }

  /** Uniforms in [0, 1) of the given shape; advances the stream past them. */
  uniform(shape: readonly number[]): Tensor {
    let n = 1;
    for (const d of shape) n *= d;
    const u = randomUniform(shape, { seed: this.seed, offset: this.#offset });
    this.#offset += Math.ceil(n / 4);
    return u;
  }

  /**
   * Spikes [steps, ...p.shape]: 1 where `uniform([steps, ...p.shape])` would be below p, in one kernel
   * (the same values and the same advance of the stream, without the uniforms or a bool tensor).
   */
  bernoulli(p: Tensor, steps: number): Tensor {
    const spikes = randomBernoulli(p, steps, { seed: this.seed, offset: this.#offset });
    this.#offset += Math.ceil((steps * p.size) / 4);
    return spikes;
  }
}

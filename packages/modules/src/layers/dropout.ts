import { ArgumentError, cast, div, greaterEqual, mul, randomUniform, type Tensor } from '@snn/core';
import { Module } from '../module/module.js';
import type { RandomStateful } from '../random/random-stateful.js';
import { nextSeed } from '../random/seed.js';

/**
 * PyTorch's `nn.Dropout(p)`: in training mode zeroes each element with probability p and scales
 * the rest by 1/(1-p); identity in eval mode. Its mask comes from core's counter-based generator:
 * (seed, offset) is the whole RNG state, saved in checkpoints, so a resumed run drops the same units.
 *
 * @example
 * ```ts
 * const x = ones([8, 100]);
 * const drop = new Dropout(0.2, { seed: 1 });
 * drop.forward(x); // training: ~20% zeroed, the rest * 1.25
 * drop.eval().forward(x); // x unchanged
 * ```
 */
export class Dropout extends Module<[Tensor], Tensor> implements RandomStateful {
  private offset = 0;
  /** Seed of the mask's random stream (option `seed`, default the next seed of `manualSeed`'s sequence). */
  readonly seed: number;

  constructor(
    /** Probability of zeroing an element, in [0, 1) (default 0.5). */
    readonly p = 0.5,
    { seed }: { seed?: number } = {},
  ) {
    super();
    if (!(p >= 0 && p < 1)) throw new ArgumentError(`Dropout: p must be in [0, 1), got ${p}`);
    this.seed = seed ?? nextSeed();
  }

  forward(x: Tensor): Tensor {
    if (!this.training || this.p === 0) return x;
    const u = randomUniform([...x.shape], { seed: this.seed, offset: this.offset });
    // Philox yields 4 numbers per counter value: advance past every counter this call used.
    this.offset += Math.ceil(x.size / 4);
    const keepMask = cast(greaterEqual(u, this.p), 'float32');
    return div(mul(x, keepMask), 1 - this.p);
  }

  /** The RNG state to checkpoint: `{ seed, offset }`. */
  getRandomState(): Record<string, number> {
    return { seed: this.seed, offset: this.offset };
  }

  /** Restores `getRandomState()`'s result; throws an ArgumentError when the seed differs. */
  setRandomState(state: Record<string, number>): void {
    if (state.seed !== this.seed) {
      throw new ArgumentError(
        `Dropout at "${this.path}": checkpoint seed ${state.seed} differs from ${this.seed}`,
      );
    }
    this.offset = state.offset;
  }
}

import {
  DEFAULT_DT,
  type LIFExFeedForwardState,
  type LIFExParameters,
  lifExFeedForwardStep,
  lifExParameters,
} from '@snn/core';
import { type LearnableKey, type NeuronOptions, NorseCell } from './norse-cell.js';

/**
 * Norse `LIFExCell`: exponential LIF (`lif_ex_feed_forward_step`). State { v, i }.
 * `forward(input, state)` (state null: Norse's initial state) returns [z, { v, i }]; run it over time
 * with `unroll` or inside `Sequential`.
 *
 * Norse: `norse.torch.LIFExCell(p=LIFExParameters(), dt=0.001)`.
 *
 * @param options - p: Norse's `LIFExParameters` (missing fields take Norse's defaults: the LIF's, tauSynInv
 *   200 and tauMemInv 100 in 1/s, plus deltaT 0.5); dt: the time step in s (default 1e-3); learnable: the
 *   fields of p to train (default none) and learnableShape (default [], one value shared).
 * @example
 * ```ts
 * const cell = new LIFExCell();
 * const [z, state] = unroll(cell, ones([20, 8, 10])); // [T 20, batch 8, 10] -> z [20, 8, 10]
 * console.log(state.v.shape); // [8, 10]
 * ```
 */
export class LIFExCell extends NorseCell<LIFExParameters, LIFExFeedForwardState> {
  constructor({
    p = {},
    dt = DEFAULT_DT,
    ...learn
  }: NeuronOptions<LIFExParameters, LearnableKey<LIFExParameters>> = {}) {
    super(lifExParameters(p), dt, learn, lifExFeedForwardStep);
  }
}

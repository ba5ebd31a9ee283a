import {
  DEFAULT_DT,
  type LSNNFeedForwardState,
  type LSNNParameters,
  lsnnFeedForwardStep,
  lsnnParameters,
} from '@snn/core';
import { type LearnableKey, type NeuronOptions, NorseCell } from './norse-cell.js';

/**
 * Norse `LSNNCell`: LIF with an adaptive threshold b (`lsnn_feed_forward_step`). State { v, i, b }.
 * `forward(input, state)` (state null: Norse's initial state) returns [z, { v, i, b }]; run it over time
 * with `unroll` or inside `Sequential`.
 *
 * Norse: `norse.torch.LSNNCell(p=LSNNParameters(), dt=0.001)`.
 *
 * @param options - p: Norse's `LSNNParameters` (missing fields take Norse's defaults: the LIF's, tauSynInv
 *   200 and tauMemInv 100 in 1/s, plus tauAdaptInv 1/800 in 1/s and beta 1.8); dt: the time step in s
 *   (default 1e-3); learnable: the fields of p to train (default none) and learnableShape (default [], one
 *   value shared).
 * @example
 * ```ts
 * const cell = new LSNNCell();
 * const [z, state] = unroll(cell, ones([20, 8, 10])); // [T 20, batch 8, 10] -> z [20, 8, 10]
 * console.log(state.v.shape); // [8, 10]
 * ```
 */
export class LSNNCell extends NorseCell<LSNNParameters, LSNNFeedForwardState> {
  constructor({
    p = {},
    dt = DEFAULT_DT,
    ...learn
  }: NeuronOptions<LSNNParameters, LearnableKey<LSNNParameters>> = {}) {
    super(lsnnParameters(p), dt, learn, lsnnFeedForwardStep);
  }
}

import {
  DEFAULT_DT,
  type LIFBoxFeedForwardState,
  type LIFBoxParameters,
  lifBoxFeedForwardStep,
  lifBoxParameters,
} from '@snn/core';
import { type LearnableKey, type NeuronOptions, NorseCell } from './norse-cell.js';

/**
 * Norse `LIFBoxCell`: a LIF without synaptic current (`lif_box_feed_forward_step`). State { v }.
 * `forward(input, state)` (state null: Norse's initial state) returns [z, { v }]; run it over time
 * with `unroll` or inside `Sequential`.
 *
 * Norse: `norse.torch.LIFBoxCell(p=LIFBoxParameters(), dt=0.001)`.
 *
 * @param options - p: Norse's `LIFBoxParameters` (missing fields take Norse's defaults: tauMemInv 100 in 1/s,
 *   vTh 1); dt: the time step in s (default 1e-3); learnable: the fields of p to train (default none) and
 *   learnableShape (default [], one value shared).
 * @example
 * ```ts
 * const cell = new LIFBoxCell();
 * const [z, state] = unroll(cell, ones([20, 8, 10])); // [T 20, batch 8, 10] -> z [20, 8, 10]
 * console.log(state.v.shape); // [8, 10]
 * ```
 */
export class LIFBoxCell extends NorseCell<LIFBoxParameters, LIFBoxFeedForwardState> {
  constructor({
    p = {},
    dt = DEFAULT_DT,
    ...learn
  }: NeuronOptions<LIFBoxParameters, LearnableKey<LIFBoxParameters>> = {}) {
    super(lifBoxParameters(p), dt, learn, lifBoxFeedForwardStep);
  }
}

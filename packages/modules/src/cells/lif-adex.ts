import {
  DEFAULT_DT,
  type LIFAdExFeedForwardState,
  type LIFAdExParameters,
  lifAdExFeedForwardStep,
  lifAdExParameters,
} from '@snn/core';
import { type LearnableKey, type NeuronOptions, NorseCell } from './norse-cell.js';

/**
 * Norse `LIFAdExCell`: adaptive exponential LIF (`lif_adex_feed_forward_step`). State { v, i, a }.
 * `forward(input, state)` (state null: Norse's initial state) returns [z, { v, i, a }]; run it over time
 * with `unroll` or inside `Sequential`.
 *
 * Norse: `norse.torch.LIFAdExCell(p=LIFAdExParameters(), dt=0.001)`.
 *
 * @param options - p: Norse's `LIFAdExParameters` (missing fields take Norse's defaults: the LIF's, tauSynInv
 *   200 and tauMemInv 100 in 1/s, plus deltaT 0.5, adaptationCurrent 4, adaptationSpike 0.02, tauAdaInv 2 in
 *   1/s); dt: the time step in s (default 1e-3); learnable: the fields of p to train (default none) and
 *   learnableShape (default [], one value shared).
 * @example
 * ```ts
 * const cell = new LIFAdExCell();
 * const [z, state] = unroll(cell, ones([20, 8, 10])); // [T 20, batch 8, 10] -> z [20, 8, 10]
 * console.log(state.v.shape); // [8, 10]
 * ```
 */
export class LIFAdExCell extends NorseCell<LIFAdExParameters, LIFAdExFeedForwardState> {
  constructor({
    p = {},
    dt = DEFAULT_DT,
    ...learn
  }: NeuronOptions<LIFAdExParameters, LearnableKey<LIFAdExParameters>> = {}) {
    super(lifAdExParameters(p), dt, learn, lifAdExFeedForwardStep);
  }
}

import {
  DEFAULT_DT,
  type IAFFeedForwardState,
  type IAFParameters,
  iafFeedForwardStep,
  iafParameters,
} from '@snn/core';
import { type LearnableKey, type NeuronOptions, NorseCell } from './norse-cell.js';

/**
 * Norse `IAFCell`: integrate-and-fire, no leak (`iaf_feed_forward_step`). State { v }.
 * `forward(input, state)` (state null: Norse's initial state) returns [z, { v }]; run it over time
 * with `unroll` or inside `Sequential`.
 *
 * Norse: `norse.torch.IAFCell(p=IAFParameters(v_th=0.5), dt=0.001)`.
 *
 * @param options - p: Norse's `IAFParameters` (missing fields take Norse's defaults: vTh 1, vReset 0); dt:
 *   the time step in s (default 1e-3); learnable: the fields of p to train (default none) and learnableShape
 *   (default [], one value shared).
 * @example
 * ```ts
 * const cell = new IAFCell({ p: { vTh: 0.5 }, dt: 1e-3 });
 * const [z, state] = unroll(cell, ones([20, 8, 10])); // [T 20, batch 8, 10] -> z [20, 8, 10]
 * console.log(state.v.shape); // [8, 10]
 * ```
 */
export class IAFCell extends NorseCell<IAFParameters, IAFFeedForwardState> {
  constructor({
    p = {},
    dt = DEFAULT_DT,
    ...learn
  }: NeuronOptions<IAFParameters, LearnableKey<IAFParameters>> = {}) {
    super(iafParameters(p), dt, learn, iafFeedForwardStep);
  }
}

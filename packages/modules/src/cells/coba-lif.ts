import {
  type CobaLIFFeedForwardState,
  type CobaLIFParameters,
  cobaLIFFeedForwardStep,
  cobaLIFParameters,
  DEFAULT_DT,
} from '@snn/core';
import { type LearnableKey, type NeuronOptions, NorseCell } from './norse-cell.js';

/**
 * Norse `CobaLIFCell`: conductance-based LIF (`coba_lif_feed_forward_step`). State { v, gE, gI }.
 * A signed input: its positive part jumps into gE, its negative part into gI.
 * `forward(input, state)` (state null: Norse's initial state) returns [z, { v, gE, gI }]; run it over time
 * with `unroll` or inside `Sequential`.
 *
 * Norse: `norse.torch.functional.coba_lif_feed_forward_step(input, state, p, dt=0.001)` per call
 * (Norse's CobaLIFCell module adds input and recurrent weights around it).
 *
 * @param options - p: Norse's `CobaLIFParameters` (missing fields take Norse's defaults: tauSynExcInv and
 *   tauSynInhInv 0.2, cMInv 5, gL 0.25, eRevE 60, eRevI -100, vRest -20, vReset -70, vThresh -10); dt: the
 *   time step in s (default 1e-3); learnable: the fields of p to train (default none) and learnableShape
 *   (default [], one value shared).
 * @example
 * ```ts
 * const cell = new CobaLIFCell();
 * const [z, state] = unroll(cell, ones([20, 8, 10])); // [T 20, batch 8, 10] -> z [20, 8, 10]
 * console.log(state.v.shape); // [8, 10]
 * ```
 */
export class CobaLIFCell extends NorseCell<CobaLIFParameters, CobaLIFFeedForwardState> {
  constructor({
    p = {},
    dt = DEFAULT_DT,
    ...learn
  }: NeuronOptions<CobaLIFParameters, LearnableKey<CobaLIFParameters>> = {}) {
    super(cobaLIFParameters(p), dt, learn, cobaLIFFeedForwardStep);
  }
}

import {
  type CobaLIFFeedForwardState,
  type CobaLIFParameters,
  cobaLIFFeedForwardStep,
  cobaLIFParameters,
  DEFAULT_DT,
} from '@snn/core';
import { type LearnableKey, type NeuronOptions, NorseCell } from './norse-cell.js';

/** Norse `CobaLIFCell`: conductance-based LIF (`coba_lif_feed_forward_step`). State { v, gE, gI }. */
export class CobaLIFCell extends NorseCell<CobaLIFParameters, CobaLIFFeedForwardState> {
  constructor({
    p = {},
    dt = DEFAULT_DT,
    ...learn
  }: NeuronOptions<CobaLIFParameters, LearnableKey<CobaLIFParameters>> = {}) {
    super(cobaLIFParameters(p), dt, learn, cobaLIFFeedForwardStep);
  }
}

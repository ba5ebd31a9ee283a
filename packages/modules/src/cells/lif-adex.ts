import {
  DEFAULT_DT,
  type LIFAdExFeedForwardState,
  type LIFAdExParameters,
  lifAdExFeedForwardStep,
  lifAdExParameters,
} from '@snn/core';
import { type LearnableKey, type NeuronOptions, NorseCell } from './norse-cell.js';

/** Norse `LIFAdExCell`: adaptive exponential LIF (`lif_adex_feed_forward_step`). State { v, i, a }. */
export class LIFAdExCell extends NorseCell<LIFAdExParameters, LIFAdExFeedForwardState> {
  constructor({
    p = {},
    dt = DEFAULT_DT,
    ...learn
  }: NeuronOptions<LIFAdExParameters, LearnableKey<LIFAdExParameters>> = {}) {
    super(lifAdExParameters(p), dt, learn, lifAdExFeedForwardStep);
  }
}

import {
  DEFAULT_DT,
  type LIFExFeedForwardState,
  type LIFExParameters,
  lifExFeedForwardStep,
  lifExParameters,
} from '@snn/core';
import { type LearnableKey, type NeuronOptions, NorseCell } from './norse-cell.js';

/** Norse `LIFExCell`: exponential LIF (`lif_ex_feed_forward_step`). State { v, i }. */
export class LIFExCell extends NorseCell<LIFExParameters, LIFExFeedForwardState> {
  constructor({
    p = {},
    dt = DEFAULT_DT,
    ...learn
  }: NeuronOptions<LIFExParameters, LearnableKey<LIFExParameters>> = {}) {
    super(lifExParameters(p), dt, learn, lifExFeedForwardStep);
  }
}

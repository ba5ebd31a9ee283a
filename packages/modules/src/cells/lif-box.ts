import {
  DEFAULT_DT,
  type LIFBoxFeedForwardState,
  type LIFBoxParameters,
  lifBoxFeedForwardStep,
  lifBoxParameters,
} from '@snn/core';
import { type LearnableKey, type NeuronOptions, NorseCell } from './norse-cell.js';

/** Norse `LIFBoxCell`: a LIF without synaptic current (`lif_box_feed_forward_step`). State { v }. */
export class LIFBoxCell extends NorseCell<LIFBoxParameters, LIFBoxFeedForwardState> {
  constructor({
    p = {},
    dt = DEFAULT_DT,
    ...learn
  }: NeuronOptions<LIFBoxParameters, LearnableKey<LIFBoxParameters>> = {}) {
    super(lifBoxParameters(p), dt, learn, lifBoxFeedForwardStep);
  }
}

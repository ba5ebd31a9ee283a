import {
  DEFAULT_DT,
  type IAFFeedForwardState,
  type IAFParameters,
  iafFeedForwardStep,
  iafParameters,
} from '@snn/core';
import { type LearnableKey, type NeuronOptions, NorseCell } from './norse-cell.js';

/** Norse `IAFCell`: integrate-and-fire, no leak (`iaf_feed_forward_step`). State { v }. */
export class IAFCell extends NorseCell<IAFParameters, IAFFeedForwardState> {
  constructor({
    p = {},
    dt = DEFAULT_DT,
    ...learn
  }: NeuronOptions<IAFParameters, LearnableKey<IAFParameters>> = {}) {
    super(iafParameters(p), dt, learn, iafFeedForwardStep);
  }
}

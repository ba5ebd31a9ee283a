import {
  DEFAULT_DT,
  type LSNNFeedForwardState,
  type LSNNParameters,
  lsnnFeedForwardStep,
  lsnnParameters,
} from '@snn/core';
import { type LearnableKey, type NeuronOptions, NorseCell } from './norse-cell.js';

/** Norse `LSNNCell`: LIF with an adaptive threshold b (`lsnn_feed_forward_step`). State { v, i, b }. */
export class LSNNCell extends NorseCell<LSNNParameters, LSNNFeedForwardState> {
  constructor({
    p = {},
    dt = DEFAULT_DT,
    ...learn
  }: NeuronOptions<LSNNParameters, LearnableKey<LSNNParameters>> = {}) {
    super(lsnnParameters(p), dt, learn, lsnnFeedForwardStep);
  }
}

import type { Tensor } from '@snn/core';
import {
  DEFAULT_DT,
  type LIFFeedForwardState,
  type LIFParameters,
  type LIParameters,
  type LIState,
  liFeedForwardSequence,
  lifFeedForwardSequence,
  lifParameters,
  liParameters,
} from '@snn/core';
import type { LICellOptions } from './li.js';
import { NeuronModule, type NeuronOptions } from './neuron-module.js';

/** Options of {@link LIF} (Norse's `LIF(p, dt)`, the whole sequence at once). */
export interface LIFOptions
  extends NeuronOptions<LIFParameters, 'tauSynInv' | 'tauMemInv' | 'vLeak' | 'vTh' | 'vReset'> {
  /**
   * Cut the reset v = (1 - z)*vd + z*vReset from the graph (z.detach(), as Norse's `lif_step`).
   * Default false: Norse's `lif_feed_forward_step` gradient (the reset kept in the graph), the same
   * as unrolling LIFCell. Either way the sequence runs as one fused LIFSequence kernel where the
   * backend has one; the forward values do not depend on this option.
   */
  detachReset?: boolean;
}

/**
 * Norse's `LIF` layer: a LIF population over a whole sequence, xSeq [T, ...] input currents ->
 * [spikes [T, ...], final state]. The fast path for feed-forward nets: the values and gradients of
 * unrolling LIFCell, from one fused kernel forward and one backward (see `detachReset`).
 */
export class LIF extends NeuronModule<LIFParameters, LIFFeedForwardState> {
  readonly detachReset: boolean;

  constructor({ p = {}, dt = DEFAULT_DT, detachReset = false, ...learn }: LIFOptions = {}) {
    super(lifParameters(p), dt, learn);
    this.detachReset = detachReset;
  }

  forward(xSeq: Tensor, state: LIFFeedForwardState | null = null): [Tensor, LIFFeedForwardState] {
    const r = lifFeedForwardSequence(xSeq, state, this.neuronParams(), this.dt, {
      detachReset: this.detachReset,
    });
    return [r.z, r.state];
  }
}

/** Options of {@link LI}: the same as LICell's. */
export type LIOptions = LICellOptions;

/** Norse's `LI` layer: a leaky integrator over a sequence, xSeq [T, ...] -> [voltages [T, ...], final state]. */
export class LI extends NeuronModule<LIParameters, LIState> {
  constructor({ p = {}, dt = DEFAULT_DT, ...learn }: LIOptions = {}) {
    super(liParameters(p), dt, learn);
  }

  forward(xSeq: Tensor, state: LIState | null = null): [Tensor, LIState] {
    const r = liFeedForwardSequence(xSeq, state, this.neuronParams(), this.dt);
    return [r.v, r.state];
  }
}

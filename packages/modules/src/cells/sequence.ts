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
 *
 * @example
 * ```ts
 * // Norse: lif = norse.torch.LIF(p=LIFParameters(tau_mem_inv=100.0)); z, s = lif(x_seq)
 * const lif = new LIF({ p: { tauMemInv: 100 }, dt: 1e-3 });
 * const [spikes, state] = lif.forward(mul(ones([10, 1, 2]), 12)); // currents [T 10, batch 1, 2]
 * console.log(spikeCount(spikes).arraySync(), state.v.shape); // [[9, 9]] [1, 2]
 * ```
 */
export class LIF extends NeuronModule<LIFParameters, LIFFeedForwardState> {
  /** Whether the reset is left out of the gradient (default false; see {@link LIFOptions.detachReset}). */
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

/**
 * Norse's `LI` layer: a leaky integrator over a sequence, xSeq [T, ...] -> [voltages [T, ...], final state].
 *
 * @example
 * ```ts
 * // Norse: li = norse.torch.LI(); v, s = li(x_seq)
 * const li = new LI({ p: { tauMemInv: 100 } });
 * const [v, state] = li.forward(ones([10, 1, 2])); // [T 10, batch 1, 2] -> voltages [10, 1, 2]
 * console.log(state.v.arraySync()); // [[2.2914, 2.2914]]
 * ```
 */
export class LI extends NeuronModule<LIParameters, LIState> {
  constructor({ p = {}, dt = DEFAULT_DT, ...learn }: LIOptions = {}) {
    super(liParameters(p), dt, learn);
  }

  forward(xSeq: Tensor, state: LIState | null = null): [Tensor, LIState] {
    const r = liFeedForwardSequence(xSeq, state, this.neuronParams(), this.dt);
    return [r.v, r.state];
  }
}

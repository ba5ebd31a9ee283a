import { type EIFNodeParameters, eifNode, type NodeSequence, type Tensor } from '@snn/core';
import { LIFNode } from './lif-node.js';

/**
 * SpikingJelly's `EIFNode(tau=2., delta_T=1., theta_rh=.8, v_threshold=1., v_rest=0., v_reset=-0.1, ...)`
 * in multi-step mode: the exponential integrate-and-fire neuron, starting at vReset. Stateful like LIFNode.
 *
 * @param options - tau: membrane time constant in time steps (default 2); deltaT: sharpness (default 1);
 *   thetaRh: rheobase threshold (default 0.8); vRest (default 0); vReset (default -0.1; null for the soft
 *   reset); vThreshold (default 1), surrogate (default sigmoid, alpha 4), detachReset (default false) and
 *   storeVSeq (default false).
 * @example
 * ```ts
 * // SpikingJelly: node = neuron.EIFNode(tau=2.0, step_mode='m')
 * const node = new EIFNode({ tau: 2 });
 * const spikes = node.forward(mul(ones([4, 1, 3]), 1.5)); // xSeq [T 4, batch 1, 3] -> spikes [4, 1, 3]
 * resetNet(node); // functional.reset_net(node): the membrane is kept between calls until then
 * ```
 */
export class EIFNode extends LIFNode {
  private readonly eif: EIFNodeParameters;

  constructor({ storeVSeq = false, ...p }: EIFNodeParameters & { storeVSeq?: boolean } = {}) {
    super({ storeVSeq });
    this.eif = p;
  }

  /** The parameter set (SpikingJelly's defaults fill what is left out). */
  override get p(): EIFNodeParameters {
    return this.eif;
  }

  /** Steps `xSeq` [T, ...] with the exponential integrate-and-fire dynamics (core's `eifNode`); returns spikes and membrane, [T, ...]. */
  protected override run(xSeq: Tensor): NodeSequence {
    return eifNode(xSeq, this.lastV, this.eif);
  }
}

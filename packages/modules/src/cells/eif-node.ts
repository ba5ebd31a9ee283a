import { type EIFNodeParameters, eifNode, type NodeSequence, type Tensor } from '@snn/core';
import { LIFNode } from './lif-node.js';

/**
 * SpikingJelly's `EIFNode(tau=2., delta_T=1., theta_rh=.8, v_threshold=1., v_rest=0., v_reset=-0.1, ...)`
 * in multi-step mode: the exponential integrate-and-fire neuron, starting at vReset. Stateful like LIFNode.
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

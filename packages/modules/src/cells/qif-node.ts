import { type NodeSequence, type QIFNodeParameters, qifNode, type Tensor } from '@snn/core';
import { LIFNode } from './lif-node.js';

/**
 * SpikingJelly's `QIFNode(tau=2., v_c=0.8, a0=1., v_threshold=1., v_rest=0., v_reset=-0.1, ...)` in
 * multi-step mode: the quadratic integrate-and-fire neuron, starting at vReset. Stateful like LIFNode.
 */
export class QIFNode extends LIFNode {
  private readonly qif: QIFNodeParameters;

  constructor({ storeVSeq = false, ...p }: QIFNodeParameters & { storeVSeq?: boolean } = {}) {
    super({ storeVSeq });
    this.qif = p;
  }

  /** The parameter set (SpikingJelly's defaults fill what is left out). */
  override get p(): QIFNodeParameters {
    return this.qif;
  }

  /** Steps `xSeq` [T, ...] with the quadratic integrate-and-fire dynamics (core's `qifNode`); returns spikes and membrane, [T, ...]. */
  protected override run(xSeq: Tensor): NodeSequence {
    return qifNode(xSeq, this.lastV, this.qif);
  }
}

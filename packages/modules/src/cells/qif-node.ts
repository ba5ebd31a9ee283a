import { type NodeSequence, type QIFNodeParameters, qifNode, type Tensor } from '@snn/core';
import { LIFNode } from './lif-node.js';

/**
 * SpikingJelly's `QIFNode(tau=2., v_c=0.8, a0=1., v_threshold=1., v_rest=0., v_reset=-0.1, ...)` in
 * multi-step mode: the quadratic integrate-and-fire neuron, starting at vReset. Stateful like LIFNode.
 *
 * @param options - tau: membrane time constant in time steps (default 2); vC: critical voltage (default 0.8);
 *   a0: quadratic coefficient (default 1); vRest (default 0); vReset (default -0.1; null for the soft reset);
 *   vThreshold (default 1), surrogate (default sigmoid, alpha 4), detachReset (default false) and storeVSeq
 *   (default false).
 * @example
 * ```ts
 * // SpikingJelly: node = neuron.QIFNode(tau=2.0, step_mode='m')
 * const node = new QIFNode({ tau: 2 });
 * const spikes = node.forward(mul(ones([4, 1, 3]), 1.5)); // xSeq [T 4, batch 1, 3] -> spikes [4, 1, 3]
 * resetNet(node); // functional.reset_net(node): the membrane is kept between calls until then
 * ```
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

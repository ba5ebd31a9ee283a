import { type KLIFNodeParameters, klifNode, type NodeSequence, type Tensor, tensor } from '@snn/core';
import type { Parameter } from '../module/parameter.js';
import { LIFNode } from './lif-node.js';

/**
 * SpikingJelly's `KLIFNode(scale_reset=False, tau=2., decay_input=True, ...)` in multi-step mode: a
 * LIFNode whose charged membrane is rescaled by the learnable `k` (SpikingJelly's name, initialised to
 * 1) and rectified before firing. Stateful like LIFNode (`resetNet` between samples).
 *
 * @param options - k: initial scale (default 1); tau: membrane time constant in time steps (default 2);
 *   decayInput (default true); scaleReset (default false); vReset (default 0; null for the soft reset);
 *   vThreshold (default 1), surrogate (default sigmoid, alpha 4), detachReset (default false) and storeVSeq
 *   (default false).
 * @example
 * ```ts
 * // SpikingJelly: node = neuron.KLIFNode(tau=2.0, step_mode='m')
 * const node = new KLIFNode({ tau: 2 });
 * const spikes = node.forward(mul(ones([4, 1, 3]), 1.5)); // xSeq [T 4, batch 1, 3] -> spikes [4, 1, 3]
 * console.log(node.parameters().length); // 1: k, trained like any weight
 * resetNet(node); // functional.reset_net(node): the membrane is kept between calls until then
 * ```
 */
export class KLIFNode extends LIFNode {
  /** The learnable scale of the charged membrane, a scalar initialised to the `k` option (default 1). */
  readonly k: Parameter;
  private readonly klif: Omit<KLIFNodeParameters, 'k'>;

  constructor({
    storeVSeq = false,
    k = 1,
    ...p
  }: Omit<KLIFNodeParameters, 'k'> & { k?: number; storeVSeq?: boolean } = {}) {
    super({ storeVSeq });
    this.k = this.registerParameter('k', tensor(k));
    this.klif = p;
  }

  /** The parameter set of the next step (k as its live tensor). */
  override get p(): KLIFNodeParameters {
    return { ...this.klif, k: this.k.value };
  }

  /** Steps `xSeq` [T, ...] with the KLIF dynamics (core's `klifNode`, with the live `k`); returns spikes and membrane, [T, ...]. */
  protected override run(xSeq: Tensor): NodeSequence {
    return klifNode(xSeq, this.lastV, this.p);
  }
}

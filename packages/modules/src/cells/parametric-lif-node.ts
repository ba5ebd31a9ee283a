import {
  type NodeSequence,
  type ParametricLIFNodeParameters,
  parametricLIFNode,
  parametricLIFNodeW,
  type Tensor,
  tensor,
} from '@snn/core';
import type { Parameter } from '../module/parameter.js';
import { LIFNode } from './lif-node.js';

/**
 * SpikingJelly's `ParametricLIFNode(init_tau=2., decay_input=True, ...)` (PLIF) in multi-step mode:
 * a LIFNode with 1/tau = sigmoid(w), w the learnable parameter SpikingJelly names `w`, initialised to
 * -log(initTau - 1). Stateful like LIFNode (`resetNet` between samples).
 *
 * @param options - initTau: initial membrane time constant in time steps, > 1 (default 2); w: the initial w
 *   instead (default -log(initTau - 1)); decayInput (default true); vReset (default 0; null for the soft
 *   reset); vThreshold (default 1), surrogate (default sigmoid, alpha 4), detachReset (default false) and
 *   storeVSeq (default false).
 * @example
 * ```ts
 * // SpikingJelly: node = neuron.ParametricLIFNode(init_tau=2.0, step_mode='m')
 * const node = new ParametricLIFNode({ initTau: 2 });
 * const spikes = node.forward(mul(ones([4, 1, 3]), 1.5)); // xSeq [T 4, batch 1, 3] -> spikes [4, 1, 3]
 * console.log(1 / (1 + Math.exp(-node.w.value.item()))); // 0.5: 1/tau = sigmoid(w), tau 2 steps
 * resetNet(node); // functional.reset_net(node): the membrane is kept between calls until then
 * ```
 */
export class ParametricLIFNode extends LIFNode {
  /**
   * The learnable scalar with 1/tau = sigmoid(w) (tau in time steps), initialised to -log(initTau - 1)
   * (initTau default 2, so w = 0). SpikingJelly: `ParametricLIFNode.w`.
   */
  readonly w: Parameter;
  private readonly plif: Omit<ParametricLIFNodeParameters, 'w' | 'initTau'>;

  constructor({
    initTau = 2,
    storeVSeq = false,
    w: _w,
    ...p
  }: ParametricLIFNodeParameters & { storeVSeq?: boolean } = {}) {
    super({ storeVSeq });
    this.w = this.registerParameter('w', tensor(parametricLIFNodeW(initTau)));
    this.plif = p;
  }

  /** The parameter set of the next step (w as its live tensor). */
  override get p(): ParametricLIFNodeParameters {
    return { ...this.plif, w: this.w.value };
  }

  /** Steps `xSeq` [T, ...] with the PLIF dynamics (core's `parametricLIFNode`, with the live `w`); returns spikes and membrane, [T, ...]. */
  protected override run(xSeq: Tensor): NodeSequence {
    return parametricLIFNode(xSeq, this.lastV, this.p);
  }
}

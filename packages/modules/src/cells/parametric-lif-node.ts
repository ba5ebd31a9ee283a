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

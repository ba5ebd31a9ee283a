import {
  type IzhikevichNodeParameters,
  izhikevichNode,
  keep,
  type NodeSequence,
  type Tensor,
} from '@snn/core';
import { lastStep } from '../decoders/decoders.js';
import { LIFNode } from './lif-node.js';

/**
 * SpikingJelly's `IzhikevichNode(tau=2., v_c=0.8, a0=1., v_threshold=1., v_reset=0., v_rest=-0.1,
 * w_rest=0., tau_w=2., a=0., b=0., ...)` in multi-step mode: QIF membrane with an adaptation current w,
 * both kept between calls (`lastV`, `lastW`) until `resetNet`.
 *
 * @param options - tau: membrane time constant in time steps (default 2); vC (default 0.8); a0 (default 1);
 *   vRest (default -0.1); wRest: initial adaptation current (default 0); tauW: adaptation time constant in
 *   time steps (default 2); a: subthreshold coupling (default 0); b: spike-triggered jump of w (default 0);
 *   vReset (default 0; null for the soft reset); vThreshold (default 1), surrogate (default sigmoid, alpha
 *   4), detachReset (default false) and storeVSeq (default false).
 * @example
 * ```ts
 * // SpikingJelly: node = neuron.IzhikevichNode(tau=2.0, a=0.1, b=0.05, step_mode='m')
 * const node = new IzhikevichNode({ tau: 2, a: 0.1, b: 0.05 });
 * const spikes = node.forward(mul(ones([4, 1, 3]), 1.5)); // xSeq [T 4, batch 1, 3] -> spikes [4, 1, 3]
 * console.log(node.lastW?.shape); // [1, 3]: the adaptation current after the last step
 * resetNet(node); // functional.reset_net(node): the membrane is kept between calls until then
 * ```
 */
export class IzhikevichNode extends LIFNode {
  /**
   * The adaptation current w after the last step of the last call, shape [...]; `null` before the first
   * call and after `resetState()` (the next call then starts from wRest). SpikingJelly: `node.w`.
   */
  lastW: Tensor | null = null;
  /** The adaptation current after every step of the last call, with `storeVSeq` (as vSeq). */
  wSeq: Tensor | null = null;
  private readonly izh: IzhikevichNodeParameters;

  constructor({ storeVSeq = false, ...p }: IzhikevichNodeParameters & { storeVSeq?: boolean } = {}) {
    super({ storeVSeq });
    this.izh = p;
  }

  /** The parameter set (SpikingJelly's defaults fill what is left out). */
  override get p(): IzhikevichNodeParameters {
    return this.izh;
  }

  /** Steps `xSeq` [T, ...] with the Izhikevich dynamics (core's `izhikevichNode`), starting from `lastV` and `lastW` and keeping the adaptation current's last step in `lastW` (and its trace in `wSeq` with `storeVSeq`); returns spikes and membrane, [T, ...]. */
  protected override run(xSeq: Tensor): NodeSequence {
    const state = this.lastV !== null && this.lastW !== null ? { v: this.lastV, w: this.lastW } : null;
    const { spikes, v, w } = izhikevichNode(xSeq, state, this.izh);
    const lastW = keep(lastStep(w));
    this.lastW?.dispose();
    this.lastW = lastW;
    this.wSeq?.dispose();
    this.wSeq = this.storeVSeq ? keep(w) : null;
    return { spikes, v };
  }

  /** Forgets the membrane and the adaptation current (SpikingJelly `reset()`). */
  override resetState(): void {
    super.resetState();
    this.lastW?.dispose();
    this.lastW = null;
    this.wSeq?.dispose();
    this.wSeq = null;
  }
}

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

import {
  type IFNodeParameters,
  ifNode,
  keep,
  type LIFNodeParameters,
  lifNode,
  type NodeSequence,
  reshape,
  slice,
  type Tensor,
} from '@snn/core';
import { Module } from '../module/module.js';
import type { Resettable } from '../time/unroll.js';
import { type LearnableOptions, registerLearnable } from './learnable.js';

/**
 * SpikingJelly's `LIFNode` in multi-step mode: `forward(xSeq [T, ...])` returns spikes [T, ...].
 * Like SpikingJelly the membrane is kept between calls (a stateful module): call `resetNet(model)`
 * (SpikingJelly's `functional.reset_net`) between samples/batches. `lastV` holds it; `vSeq` the whole
 * membrane trace of the last call when `storeVSeq` is set.
 *
 * @example
 * ```ts
 * // SpikingJelly: node = neuron.LIFNode(tau=2.0, step_mode='m')
 * const node = new LIFNode({ tau: 2 });
 * const spikes = node.forward(mul(ones([4, 1, 3]), 1.5)); // xSeq [T 4, batch 1, 3] -> spikes [4, 1, 3]
 * console.log(spikeCount(spikes).arraySync()); // [[2, 2, 2]]
 * resetNet(node); // functional.reset_net(node)
 * ```
 */
export class LIFNode extends Module<[Tensor], Tensor> implements Resettable {
  /**
   * The membrane potential after the last time step of the last call, shape [...] (the input's shape
   * without T); the next call starts from it. `null` before the first call and after `resetState()`
   * (the next call then starts from vReset). SpikingJelly: `node.v`.
   */
  lastV: Tensor | null = null;
  /**
   * The membrane after every step of the last call, [T, ...] (what each next step starts from, as
   * SpikingJelly's `v_seq`), kept only when `storeVSeq` is set; otherwise `null`.
   */
  vSeq: Tensor | null = null;
  /** Keep the whole membrane trace in `vSeq` (SpikingJelly: `store_v_seq`), default false. */
  readonly storeVSeq: boolean;
  private readonly neuronParams: () => LIFNodeParameters;

  constructor({
    storeVSeq = false,
    ...rest
  }: LIFNodeParameters & LearnableOptions<'tau' | 'vThreshold'> & { storeVSeq?: boolean } = {}) {
    super();
    const { learnable, learnableShape, ...p } = rest;
    this.storeVSeq = storeVSeq;
    this.neuronParams = registerLearnable(
      this,
      (n, v) => this.registerParameter(n, v),
      { tau: 2, vThreshold: 1, ...p },
      { learnable, learnableShape },
    );
  }

  /** SpikingJelly's parameters this node steps with (learnable fields are their live tensors). */
  get p(): LIFNodeParameters {
    return this.neuronParams();
  }

  /**
   * The neuron's sequence kernel: steps `xSeq` [T, ...] from `lastV` and returns the spikes and the
   * membrane trace, both [T, ...]. Each node class overrides this with its own dynamics.
   */
  protected run(xSeq: Tensor): NodeSequence {
    return lifNode(xSeq, this.lastV, this.p);
  }

  /**
   * Runs the node over `xSeq` [T, ...] (SpikingJelly's multi-step mode, `step_mode='m'`) and returns
   * the spikes [T, ...]; the membrane carries over to the next call until `resetState()`.
   */
  forward(xSeq: Tensor): Tensor {
    const { spikes, v } = this.run(xSeq);
    this.remember(v);
    return spikes;
  }

  /** Keeps the last step of the membrane trace `vSeq` [T, ...] as `lastV` (and the trace when `storeVSeq`). */
  protected remember(vSeq: Tensor): void {
    const [steps, ...rest] = vSeq.shape;
    const last = keep(reshape(slice(vSeq, [steps - 1, ...rest.map(() => 0)], [1, ...rest]), rest));
    this.lastV?.dispose();
    this.lastV = last;
    this.vSeq?.dispose();
    this.vSeq = this.storeVSeq ? keep(vSeq) : null;
  }

  /** Forgets the membrane (SpikingJelly `reset()`): the next call starts from vReset. */
  resetState(): void {
    this.lastV?.dispose();
    this.lastV = null;
    this.vSeq?.dispose();
    this.vSeq = null;
  }
}

/**
 * SpikingJelly's `IFNode` (no leak) in multi-step mode; see LIFNode.
 *
 * @param p - vThreshold (default 1), vReset (default 0; null for the soft reset), surrogate (default sigmoid,
 *   alpha 4), detachReset (default false) and storeVSeq (default false).
 * @example
 * ```ts
 * // SpikingJelly: node = neuron.IFNode(step_mode='m')
 * const node = new IFNode();
 * const spikes = node.forward(mul(ones([4, 1, 2]), 0.5)); // [T 4, batch 1, 2]
 * console.log(spikeCount(spikes).arraySync()); // [[2, 2]]: fires every second step
 * ```
 */
export class IFNode extends LIFNode {
  private readonly ifParams: IFNodeParameters;
  constructor(p: IFNodeParameters & { storeVSeq?: boolean } = {}) {
    super({ storeVSeq: p.storeVSeq });
    const { storeVSeq: _, ...rest } = p;
    this.ifParams = rest;
  }

  override get p(): IFNodeParameters {
    return this.ifParams;
  }

  /** Steps `xSeq` [T, ...] with the IF dynamics (core's `ifNode`: no leak); returns spikes and membrane. */
  protected override run(xSeq: Tensor): NodeSequence {
    return ifNode(xSeq, this.lastV, this.ifParams);
  }
}

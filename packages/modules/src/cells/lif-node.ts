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
 */
export class LIFNode extends Module<[Tensor], Tensor> implements Resettable {
  lastV: Tensor | null = null;
  vSeq: Tensor | null = null;
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

  protected run(xSeq: Tensor): NodeSequence {
    return lifNode(xSeq, this.lastV, this.p);
  }

  forward(xSeq: Tensor): Tensor {
    const { spikes, v } = this.run(xSeq);
    this.remember(v);
    return spikes;
  }

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

/** SpikingJelly's `IFNode` (no leak) in multi-step mode; see LIFNode. */
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

  protected override run(xSeq: Tensor): NodeSequence {
    return ifNode(xSeq, this.lastV, this.ifParams);
  }
}

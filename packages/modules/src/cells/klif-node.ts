import { type KLIFNodeParameters, klifNode, type NodeSequence, type Tensor, tensor } from '@snn/core';
import type { Parameter } from '../module/parameter.js';
import { LIFNode } from './lif-node.js';

/**
 * SpikingJelly's `KLIFNode(scale_reset=False, tau=2., decay_input=True, ...)` in multi-step mode: a
 * LIFNode whose charged membrane is rescaled by the learnable `k` (SpikingJelly's name, initialised to
 * 1) and rectified before firing. Stateful like LIFNode (`resetNet` between samples).
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

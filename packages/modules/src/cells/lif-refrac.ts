import {
  DEFAULT_DT,
  type LIFParameters,
  type LIFRefracFeedForwardState,
  type LIFRefracParameters,
  lifRefracFeedForwardStep,
  lifRefracParameters,
  type Tensor,
} from '@snn/core';
import { CELL } from '../time/unroll.js';
import type { LearnableOptions } from './learnable.js';
import { NeuronModule } from './neuron-module.js';
import type { LearnableKey } from './norse-cell.js';

type Flat = LIFParameters & { rhoReset: LIFRefracParameters['rhoReset'] };

export interface LIFRefracCellOptions extends LearnableOptions<LearnableKey<Flat>> {
  /** Norse `LIFRefracParameters`: `lif` (LIFParameters) and `rhoReset` (default 5 steps). */
  p?: Partial<LIFRefracParameters>;
  dt?: number;
}

/**
 * Norse's `LIFRefracCell`: a LIF with an absolute refractory period of rhoReset steps
 * (`lif_refrac_feed_forward_step`). `forward(input, state)` (state null: v = vLeak, i = 0, rho = 0)
 * returns [z, { lif: { v, i }, rho }]. `learnable` takes the LIF's fields and 'rhoReset' (keys
 * tau_mem_inv, ..., rho_reset).
 */
export class LIFRefracCell extends NeuronModule<Flat> {
  readonly [CELL] = true as const;

  constructor({ p = {}, dt = DEFAULT_DT, ...learn }: LIFRefracCellOptions = {}) {
    const q = lifRefracParameters(p);
    super({ ...(q.lif as LIFParameters), rhoReset: q.rhoReset }, dt, learn);
  }

  get p(): LIFRefracParameters {
    const { rhoReset, ...lif } = this.neuronParams();
    return { lif, rhoReset };
  }

  forward(
    input: Tensor,
    state: LIFRefracFeedForwardState | null = null,
  ): [Tensor, LIFRefracFeedForwardState] {
    return lifRefracFeedForwardStep(input, state, this.p, this.dt);
  }
}

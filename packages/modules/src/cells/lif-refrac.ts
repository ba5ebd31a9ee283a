import {
  DEFAULT_DT,
  type LIFParameters,
  type LIFRefracFeedForwardState,
  type LIFRefracParameters,
  lifRefracFeedForwardStep,
  lifRefracParameters,
  type Tensor,
} from '@snn/core';
import { Module } from '../module/module.js';
import { CELL } from '../time/unroll.js';
import { type LearnableOptions, registerLearnable } from './learnable.js';
import type { LearnableKey } from './norse-cell.js';

type Flat = LIFParameters & { rhoReset: LIFRefracParameters['rhoReset'] };

/** Options of {@link LIFRefracCell}: Norse's `LIFRefracCell(p, dt)` and which parameters are trained. */
export interface LIFRefracCellOptions extends LearnableOptions<LearnableKey<Flat>> {
  /** Norse `LIFRefracParameters`: `lif` (LIFParameters) and `rhoReset` (default 5 steps). */
  p?: Partial<LIFRefracParameters>;
  /** Integration time step in seconds, default 1e-3 (Norse's dt). */
  dt?: number;
}

/**
 * Norse's `LIFRefracCell`: a LIF with an absolute refractory period of rhoReset steps
 * (`lif_refrac_feed_forward_step`). `forward(input, state)` (state null: v = vLeak, i = 0, rho = 0)
 * returns [z, { lif: { v, i }, rho }]. `learnable` takes the LIF's fields and 'rhoReset' (keys
 * tau_mem_inv, ..., rho_reset).
 */
// Not a NeuronModule: its `p` is Norse's nested { lif, rhoReset }, while the learnable fields are
// registered from the flat set.
export class LIFRefracCell extends Module<
  [input: Tensor, state?: LIFRefracFeedForwardState | null],
  [Tensor, LIFRefracFeedForwardState]
> {
  readonly [CELL] = true as const;
  readonly dt: number;
  private readonly neuronParams: () => Flat;

  constructor({ p = {}, dt = DEFAULT_DT, ...learn }: LIFRefracCellOptions = {}) {
    super();
    this.dt = dt;
    const q = lifRefracParameters(p);
    const flat: Flat = { ...(q.lif as LIFParameters), rhoReset: q.rhoReset };
    this.neuronParams = registerLearnable(this, (n, v) => this.registerParameter(n, v), flat, learn);
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

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
 *
 * Norse: `norse.torch.LIFRefracCell(p=LIFRefracParameters(rho_reset=5), dt=0.001)`.
 *
 * @param options - p: `lif` (Norse's LIFParameters: tauSynInv 200 and tauMemInv 100 in 1/s by
 *   default, ...) and `rhoReset` (refractory steps, default 5); dt: the time step in s (default 1e-3);
 *   learnable and learnableShape (default none, []).
 * @example
 * ```ts
 * const cell = new LIFRefracCell({ p: { lif: { tauMemInv: 100 }, rhoReset: 5 }, dt: 1e-3 });
 * const [z, state] = unroll(cell, mul(ones([30, 8, 10]), 200)); // [T 30, batch 8, 10] -> z [30, 8, 10]
 * console.log(state.rho.shape); // [8, 10]: refractory steps left
 * ```
 */
// Not a NeuronModule: its `p` is Norse's nested { lif, rhoReset }, while the learnable fields are
// registered from the flat set.
export class LIFRefracCell extends Module<
  [input: Tensor, state?: LIFRefracFeedForwardState | null],
  [Tensor, LIFRefracFeedForwardState]
> {
  /** Marks a cell: `Sequential` runs it over time with `unroll`. */
  readonly [CELL] = true as const;
  /** Integration time step in seconds (default 1e-3). */
  readonly dt: number;
  private readonly neuronParams: () => Flat;

  constructor({ p = {}, dt = DEFAULT_DT, ...learn }: LIFRefracCellOptions = {}) {
    super();
    this.dt = dt;
    const q = lifRefracParameters(p);
    const flat: Flat = { ...(q.lif as LIFParameters), rhoReset: q.rhoReset };
    this.neuronParams = registerLearnable(this, (n, v) => this.registerParameter(n, v), flat, learn);
  }

  /**
   * Norse's nested parameters the next step uses: `lif` (tauSynInv, tauMemInv in 1/s, ...) and
   * `rhoReset` (refractory steps); learnable fields are their live parameter tensors.
   */
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

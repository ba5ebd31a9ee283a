import {
  ArgumentError,
  DEFAULT_DT,
  IZHIKEVICH_BEHAVIORS,
  type IzhikevichBehavior,
  type IzhikevichBehaviorName,
  type IzhikevichParameters,
  type IzhikevichState,
  izhikevichFeedForwardStep,
  izhikevichInitialState,
  izhikevichParameters,
  type Tensor,
} from '@snn/core';
import { CELL } from '../time/unroll.js';
import type { LearnableOptions } from './learnable.js';
import { NeuronModule } from './neuron-module.js';
import type { LearnableKey } from './norse-cell.js';

/** Options of {@link IzhikevichCell} besides its parameters: the time step and which parameters are trained. */
export interface IzhikevichCellOptions extends LearnableOptions<LearnableKey<IzhikevichParameters>> {
  /** Integration time step in seconds, default 1e-3 (Norse's dt). */
  dt?: number;
}

/**
 * Norse's `IzhikevichCell(spiking_method)`: an Izhikevich population with one of Norse's behaviours
 * (a preset name such as 'tonicSpiking', or `izhikevichBehavior(a, b, c, d, vRest, uRest)`), which
 * gives both the parameters and the state it starts from. `forward(input, state)` (state null: the
 * behaviour's v and u) returns [z, { v, u }]. `learnable` fields get Norse's names (a, b, c, d, sq,
 * mn, bias, v_th, tau_inv).
 *
 * Norse: `norse.torch.IzhikevichCell(spiking_method=tonic_spiking, dt=0.001)`.
 *
 * @param behavior - A preset name of `IZHIKEVICH_BEHAVIORS` ('tonicSpiking', 'phasicBursting',
 *   ...) or `izhikevichBehavior(a, b, c, d, vRest, uRest)`: the parameters and the initial { v, u }.
 * @param options - dt: the time step in s (default 1e-3); learnable: the parameters to train (default
 *   none) and learnableShape (default [], one value shared).
 * @example
 * ```ts
 * const cell = new IzhikevichCell('tonicSpiking', { dt: 1e-3 });
 * const [z, state] = unroll(cell, mul(ones([50, 1, 4]), 10)); // [T 50, batch 1, 4] -> z [50, 1, 4]
 * console.log(state.u.shape); // [1, 4]: the recovery variable
 * ```
 */
export class IzhikevichCell extends NeuronModule<IzhikevichParameters, IzhikevichState> {
  /** Marks a cell: `Sequential` runs it over time with `unroll`. */
  readonly [CELL] = true as const;
  /** The behaviour the cell was built from: its parameters `p` and the initial state `s` { v, u }. */
  readonly behavior: IzhikevichBehavior;

  constructor(
    behavior: IzhikevichBehavior | IzhikevichBehaviorName,
    { dt = DEFAULT_DT, ...learn }: IzhikevichCellOptions = {},
  ) {
    const b = typeof behavior === 'string' ? IZHIKEVICH_BEHAVIORS[behavior] : behavior;
    if (b === undefined || b.p === undefined || b.s === undefined) {
      throw new ArgumentError(
        `IzhikevichCell: unknown behaviour ${String(behavior)}; expected one of ${Object.keys(IZHIKEVICH_BEHAVIORS).join(', ')} or izhikevichBehavior(...)`,
      );
    }
    super(izhikevichParameters(b.p), dt, learn);
    this.behavior = b;
  }

  override get p(): IzhikevichParameters {
    return this.neuronParams();
  }

  forward(input: Tensor, state: IzhikevichState | null = null): [Tensor, IzhikevichState] {
    const s = state ?? izhikevichInitialState(input.shape, this.behavior.s);
    return izhikevichFeedForwardStep(input, s, this.neuronParams(), this.dt);
  }
}

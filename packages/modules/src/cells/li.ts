import {
  DEFAULT_DT,
  type LIParameters,
  type LIState,
  liFeedForwardStep,
  liParameters,
  liStep,
  ShapeError,
  type Tensor,
} from '@snn/core';
import { scaledNormal } from '../layers/init.js';
import { Module } from '../module/module.js';
import type { Parameter } from '../module/parameter.js';
import { CELL } from '../time/unroll.js';
import { registerLearnable } from './learnable.js';
import { NeuronModule, type NeuronOptions } from './neuron-module.js';

type LIKey = 'tauSynInv' | 'tauMemInv' | 'vLeak';

/** `p`: Norse `LIParameters`; missing fields take Norse's defaults (tauSynInv 200, tauMemInv 100, vLeak 0). */
export interface LICellOptions extends NeuronOptions<LIParameters, LIKey> {}

/**
 * Norse's `LICell`: a leaky integrator (no spikes) fed an input current, the usual readout.
 * `forward(input, state)` returns [voltage, state] (`li_feed_forward_step`).
 *
 * @example
 * ```ts
 * // Norse: cell = norse.torch.LICell(); v, s = cell(x, s)
 * const cell = new LICell({ p: { tauMemInv: 100 }, dt: 1e-3 });
 * let state: LIState | null = null;
 * const [v1, s1] = cell.forward(ones([1, 2]), state); // v1: [[0.1, 0.1]]
 * state = s1;
 * ```
 */
export class LICell extends NeuronModule<LIParameters, LIState> {
  /** Marks a cell: `Sequential` runs it over time with `unroll`. */
  readonly [CELL] = true as const;
  constructor({ p = {}, dt = DEFAULT_DT, ...learn }: LICellOptions = {}) {
    super(liParameters(p), dt, learn);
  }

  forward(input: Tensor, state: LIState | null = null): [Tensor, LIState] {
    return liFeedForwardStep(input, state, this.neuronParams(), this.dt);
  }
}

/**
 * Norse's `LILinearCell`: a leaky integrator behind its own weights `input_weights` [hidden, input]
 * (Norse init randn / sqrt(input), as `torch.randn(hidden, input) / np.sqrt(input)`); `forward(input, state)`
 * runs `li_step`.
 *
 * Norse: `norse.torch.LILinearCell(input_size, hidden_size, p=LIParameters(...), dt=0.001)`.
 *
 * @example
 * ```ts
 * const spikes = ones([8, 100]);
 * const readout = new LILinearCell(100, 10, { seed: 0 }); // dt 1e-3 s, Norse's LIParameters
 * const [v, state] = readout.forward(spikes); // spikes [batch, 100] -> v [batch, 10]
 * ```
 */
export class LILinearCell extends Module<[input: Tensor, state?: LIState | null], [Tensor, LIState]> {
  /** Marks a cell: `Sequential` runs it over time with `unroll`. */
  readonly [CELL] = true as const;
  /** Input weights [hiddenSize, inputSize] (Norse's name), init randn / sqrt(inputSize) as Norse's LILinearCell. */
  readonly input_weights: Parameter;
  /** Integration time step in seconds (default 1e-3). */
  readonly dt: number;
  private readonly neuronParams: () => Partial<LIParameters>;

  constructor(
    /** Features per input sample (the input's last axis). */
    readonly inputSize: number,
    /** Leaky integrators in the population (the output's last axis). */
    readonly hiddenSize: number,
    { p = {}, dt = DEFAULT_DT, seed, ...learn }: LICellOptions & { seed?: number } = {},
  ) {
    super();
    this.dt = dt;
    this.input_weights = this.registerParameter(
      'input_weights',
      // Norse's LILinearCell scales by the fan-in (its LIFRecurrentCell by sqrt(2 / hidden)).
      scaledNormal([hiddenSize, inputSize], 1 / Math.sqrt(inputSize), seed),
    );
    this.neuronParams = registerLearnable(
      this,
      (n, v) => this.registerParameter(n, v),
      liParameters(p),
      learn,
    );
  }

  /** The neuron parameters this cell steps with (learnable fields are their live tensors). */
  get p(): Partial<LIParameters> {
    return this.neuronParams();
  }

  forward(input: Tensor, state: LIState | null = null): [Tensor, LIState] {
    if (input.rank < 1 || input.shape[input.rank - 1] !== this.inputSize) {
      throw new ShapeError(
        `LILinearCell(${this.inputSize}, ${this.hiddenSize}) expects input [..., ${this.inputSize}], got [${input.shape.join(', ')}]`,
      );
    }
    return liStep(input, state, this.input_weights.value, this.neuronParams(), this.dt);
  }
}

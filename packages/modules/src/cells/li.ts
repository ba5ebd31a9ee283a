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
 */
export class LICell extends NeuronModule<LIParameters, LIState> {
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
 * (Norse init randn * sqrt(2 / hidden)); `forward(input, state)` runs `li_step`.
 */
export class LILinearCell extends Module<[input: Tensor, state?: LIState | null], [Tensor, LIState]> {
  readonly [CELL] = true as const;
  readonly input_weights: Parameter;
  readonly dt: number;
  private readonly neuronParams: () => Partial<LIParameters>;

  constructor(
    readonly inputSize: number,
    readonly hiddenSize: number,
    { p = {}, dt = DEFAULT_DT, seed, ...learn }: LICellOptions & { seed?: number } = {},
  ) {
    super();
    this.dt = dt;
    this.input_weights = this.registerParameter(
      'input_weights',
      scaledNormal([hiddenSize, inputSize], Math.sqrt(2 / hiddenSize), seed),
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

import {
  add,
  DEFAULT_DT,
  keep,
  type LIFFeedForwardState,
  type LIFParameters,
  type LIFState,
  lifFeedForwardStep,
  lifParameters,
  lifRecurrentSpikes,
  lifRecurrentStep,
  lifStep,
  matMul,
  mul,
  noGrad,
  reshape,
  ShapeError,
  stack,
  type Tensor,
  tensor,
  tidy,
  unstack,
} from '@snn/core';
import { scaledNormal } from '../layers/init.js';
import { Module } from '../module/module.js';
import type { Parameter } from '../module/parameter.js';
import { CELL } from '../time/unroll.js';
import { type LearnableOptions, registerLearnable } from './learnable.js';

type LIFKey = 'tauSynInv' | 'tauMemInv' | 'vLeak' | 'vTh' | 'vReset';

/** Options of {@link LIFCell}: Norse's `LIFCell(p, dt)` and which parameters are trained. */
export interface LIFCellOptions extends LearnableOptions<LIFKey> {
  /** Norse `LIFParameters`; missing fields take Norse's defaults. */
  p?: Partial<LIFParameters>;
  /** Integration time step in seconds, default 1e-3 (Norse's dt). */
  dt?: number;
}

/**
 * Norse's `LIFCell`: one Euler step of a current-based LIF population driven by an input current
 * (`lif_feed_forward_step`). `forward(input, state)` with `state` null starting at v = vLeak, i = 0;
 * returns [spikes, state]. Run it over time with `unroll`.
 *
 * Norse: `norse.torch.LIFCell(p=LIFParameters(...), dt=0.001)`.
 *
 * @example
 * ```ts
 * const currents = [ones([8, 10]), zeros([8, 10])]; // two steps
 * const cell = new LIFCell({ p: { tauMemInv: 100 }, dt: 1e-3 }); // tau_mem 10 ms, 1 ms steps
 * let state: LIFFeedForwardState | null = null;
 * for (const x of currents) { // each [batch, features]
 *   const [z, next] = cell.forward(x, state);
 *   state = next;
 * }
 * ```
 */
export class LIFCell extends Module<
  [input: Tensor, state?: LIFFeedForwardState | null],
  [Tensor, LIFFeedForwardState]
> {
  /** Marks a cell: `Sequential` runs it over time with `unroll`. */
  readonly [CELL] = true as const;
  /** Integration time step in seconds (default 1e-3). */
  readonly dt: number;
  private readonly neuronParams: () => Partial<LIFParameters>;

  constructor({ p = {}, dt = DEFAULT_DT, ...learn }: LIFCellOptions = {}) {
    super();
    this.dt = dt;
    this.neuronParams = registerLearnable(
      this,
      (n, v) => this.registerParameter(n, v),
      lifParameters(p),
      learn,
    );
  }

  /**
   * The LIF parameters the next step uses (Norse's defaults filled in; tauSynInv and tauMemInv in 1/s,
   * voltages in the model's units); learnable fields are their live parameter tensors.
   */
  get p(): Partial<LIFParameters> {
    return this.neuronParams();
  }

  /**
   * One Euler step of `dt` seconds. `input` is the input current [batch, ...]; `state` null starts at
   * v = vLeak, i = 0. Returns [spikes z (0/1, the input's shape), the next state { v, i }].
   */
  forward(input: Tensor, state: LIFFeedForwardState | null = null): [Tensor, LIFFeedForwardState] {
    return lifFeedForwardStep(input, state, this.neuronParams(), this.dt);
  }
}

/** Options of {@link LIFRecurrentCell}: a LIFCell's and Norse's `autapses`. */
export interface LIFRecurrentCellOptions extends LIFCellOptions {
  /** Allow self-connections (Norse default false: the diagonal is zero and stays zero). */
  autapses?: boolean;
  /** Seed of the initial weights (default: the next seed of `manualSeed`'s sequence). */
  seed?: number;
}

/**
 * Norse's `LIFRecurrentCell`: `input_weights` [hidden, input] and `recurrent_weights` [hidden,
 * hidden], both initialised as Norse does, randn * sqrt(2 / hidden). With `autapses` false (the
 * default) the recurrent diagonal is zeroed at init and after loading, and masked in forward so its
 * gradient is zero and no optimizer can move it. `forward(input, state)` runs `lif_step`.
 *
 * Norse: `norse.torch.LIFRecurrentCell(input_size, hidden_size, p=LIFParameters(...), dt=0.001,
 * autapses=False)`.
 *
 * @param inputSize - Features per input sample.
 * @param hiddenSize - Neurons in the recurrent population.
 * @example
 * ```ts
 * const x = ones([8, 28]);
 * const cell = new LIFRecurrentCell(28, 100, { dt: 1e-3, seed: 0 });
 * const [z, state] = cell.forward(x); // x [batch, 28] -> z [batch, 100], state { z, v, i }
 * ```
 */
export class LIFRecurrentCell extends Module<[input: Tensor, state?: LIFState | null], [Tensor, LIFState]> {
  /** Marks a cell: `Sequential` runs it over time with `unroll`. */
  readonly [CELL] = true as const;
  /** Input weights [hiddenSize, inputSize] (Norse's name), init randn * sqrt(2 / hiddenSize). */
  readonly input_weights: Parameter;
  /** Recurrent weights [hiddenSize, hiddenSize] (Norse's name); zero diagonal unless `autapses`. */
  readonly recurrent_weights: Parameter;
  /** Integration time step in seconds (default 1e-3). */
  readonly dt: number;
  /** Whether self-connections are allowed (default false: the recurrent diagonal stays zero). */
  readonly autapses: boolean;
  private readonly neuronParams: () => Partial<LIFParameters>;
  private readonly offDiagonal: Tensor | null;

  constructor(
    /** Features per input sample. */
    readonly inputSize: number,
    /** Neurons in the recurrent population. */
    readonly hiddenSize: number,
    { p = {}, dt = DEFAULT_DT, autapses = false, seed, ...learn }: LIFRecurrentCellOptions = {},
  ) {
    super();
    this.dt = dt;
    this.autapses = autapses;
    const scale = Math.sqrt(2 / hiddenSize);
    this.input_weights = this.registerParameter(
      'input_weights',
      scaledNormal([hiddenSize, inputSize], scale, seed),
    );
    this.recurrent_weights = this.registerParameter(
      'recurrent_weights',
      scaledNormal([hiddenSize, hiddenSize], scale, seed === undefined ? undefined : seed + 1),
    );
    this.neuronParams = registerLearnable(
      this,
      (n, v) => this.registerParameter(n, v),
      lifParameters(p),
      learn,
    );
    this.offDiagonal = autapses ? null : keep(offDiagonalMask(hiddenSize));
    this.zeroAutapses();
  }

  /**
   * The LIF parameters the next step uses (Norse's defaults filled in; tauSynInv and tauMemInv in 1/s,
   * voltages in the model's units); learnable fields are their live parameter tensors.
   */
  get p(): Partial<LIFParameters> {
    return this.neuronParams();
  }

  private zeroAutapses(): void {
    if (this.offDiagonal)
      // + 0 turns the -0 of masked negative weights into +0, as PyTorch's fill_diagonal_(0).
      this.recurrent_weights.assign(
        tidy(() => noGrad(() => add(mul(this.recurrent_weights.value, this.offDiagonal!), 0))),
      );
  }

  protected override onStateLoaded(): void {
    this.zeroAutapses();
  }

  /**
   * One Euler step of `dt` seconds: `input` [batch, inputSize] through `input_weights`, the last
   * spikes through `recurrent_weights`. `state` null starts at z = 0, v = vLeak, i = 0. Returns
   * [spikes z [batch, hiddenSize], the next state { z, v, i }].
   */
  forward(input: Tensor, state: LIFState | null = null): [Tensor, LIFState] {
    if (input.rank !== 2 || input.shape[1] !== this.inputSize) {
      throw new ShapeError(
        `LIFRecurrentCell(${this.inputSize}, ${this.hiddenSize}) expects input [batch, ${this.inputSize}], got [${input.shape.join(', ')}]`,
      );
    }
    const rec = this.offDiagonal
      ? mul(this.recurrent_weights.value, this.offDiagonal)
      : this.recurrent_weights.value;
    return lifStep(input, state, this.input_weights.value, rec, this.neuronParams(), this.dt);
  }

  /**
   * The cell over a whole sequence xSeq [T, batch, input] (Norse's `LIFRecurrent` module): the input
   * projection x @ input_weights^T runs once for all T steps, one product (and one weight gradient)
   * instead of T, then the recurrence steps. Same values and gradients as T `forward` calls.
   * `onStep` sees the state after each step and that step's spikes (traces, rasters). Returns the
   * spikes [T, batch, hidden] and the final state.
   */
  forwardSequence(
    xSeq: Tensor,
    state: LIFState | null = null,
    onStep?: (state: LIFState, t: number, spikes: Tensor) => void,
  ): [Tensor, LIFState] {
    const { currents, rec } = this.sequenceInputs(xSeq, 'forwardSequence');
    const p = this.neuronParams();
    let s = state;
    const zs: Tensor[] = [];
    for (const [t, current] of unstack(currents, 0).entries()) {
      const [z, next] = lifRecurrentStep(current, s, rec, p, this.dt);
      zs.push(z);
      s = next;
      onStep?.(next, t, z);
    }
    return [stack(zs, 0), s as LIFState];
  }

  /**
   * The spikes [T, batch, hidden] of `forwardSequence(xSeq, state)`, without the final state: the
   * recurrence runs as core's lifRecurrentSpikes, whose backward pass computes the recurrent weight
   * gradient as one product over all T steps instead of one product, transpose and add per step.
   * Same spikes; gradients equal to float32 rounding.
   */
  forwardSpikes(xSeq: Tensor, state: LIFState | null = null): Tensor {
    const { currents, rec } = this.sequenceInputs(xSeq, 'forwardSpikes');
    return lifRecurrentSpikes(currents, state, rec, this.neuronParams(), this.dt);
  }

  /** The input projection of every step at once, and the recurrent weights without autapses. */
  private sequenceInputs(xSeq: Tensor, method: string): { currents: Tensor; rec: Tensor } {
    if (xSeq.rank !== 3 || xSeq.shape[2] !== this.inputSize) {
      throw new ShapeError(
        `LIFRecurrentCell(${this.inputSize}, ${this.hiddenSize}).${method} expects [T, batch, ${this.inputSize}], got [${xSeq.shape.join(', ')}]`,
      );
    }
    const [T, batch] = xSeq.shape;
    const currents = reshape(
      matMul(reshape(xSeq, [T * batch, this.inputSize]), this.input_weights.value, false, true),
      [T, batch, this.hiddenSize],
    );
    const rec = this.offDiagonal
      ? mul(this.recurrent_weights.value, this.offDiagonal)
      : this.recurrent_weights.value;
    return { currents, rec };
  }

  override dispose(): void {
    super.dispose();
    this.offDiagonal?.dispose();
  }
}

/** 1 everywhere except 0 on the diagonal, [n, n]. */
function offDiagonalMask(n: number): Tensor {
  const m = new Float32Array(n * n).fill(1);
  for (let k = 0; k < n; k++) m[k * n + k] = 0;
  return tensor(m, [n, n]);
}

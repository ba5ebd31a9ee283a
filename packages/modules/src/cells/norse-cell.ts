import type { Tensor } from '@snn/core';
import { CELL } from '../time/unroll.js';
import type { LearnableOptions } from './learnable.js';
import { NeuronModule, type NeuronOptions } from './neuron-module.js';

/**
 * A Norse feed-forward cell over a step function `step(input, state, p, dt) -> [z, state]`: Norse's
 * parameter set `p` (missing fields take Norse's defaults), `dt`, and the chosen `learnable` fields
 * registered under Norse's snake_case names. `forward(input, state)` (state null: Norse's initial
 * state) returns [z, state]; run it over time with `unroll` or inside `Sequential`.
 *
 * @example
 * ```ts
 * // Norse's feed-forward cells (IAFCell, LIFBoxCell, LIFExCell, LIFAdExCell, LSNNCell, CobaLIFCell)
 * // share this base: a parameter set p, a time step dt in s and the learnable fields.
 * const cell: NorseCell<IAFParameters, IAFFeedForwardState> = new IAFCell({ dt: 1e-3 });
 * const [z, state] = cell.forward(ones([8, 10])); // state null: Norse's initial state
 * console.log(cell.dt, cell.p.vTh); // 0.001 1
 * ```
 */
export abstract class NorseCell<P extends object, S> extends NeuronModule<P, S> {
  /** Marks a cell: `Sequential` runs it over time with `unroll`. */
  readonly [CELL] = true as const;

  protected constructor(
    full: P,
    dt: number,
    learn: LearnableOptions<keyof P & string>,
    private readonly step: (input: Tensor, state: S | null, p: P, dt: number) => [Tensor, S],
  ) {
    super(full, dt, learn);
  }

  /** The parameter set of this step, learnable fields as their live tensors. */
  override get p(): P {
    return this.neuronParams();
  }

  forward(input: Tensor, state: S | null = null): [Tensor, S] {
    return this.step(input, state, this.neuronParams(), this.dt);
  }
}

export type { NeuronOptions };

/** The fields of a Norse parameter set that can be trained (all but the spike method and its alpha). */
export type LearnableKey<P> = Exclude<keyof P & string, 'method' | 'alpha'>;

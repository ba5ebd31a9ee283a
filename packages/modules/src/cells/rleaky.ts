import {
  type RecurrentConnection,
  type RLeakyParameters,
  type RLeakyState,
  rleakyStep,
  type Tensor,
} from '@snn/core';
import type { Parameter } from '../module/parameter.js';
import { type RecurrentOptions, SnnTorchNeuron, type SnnTorchNeuronOptions } from './snntorch-neuron.js';

export interface RLeakyOptions extends SnnTorchNeuronOptions, RecurrentOptions {
  /** snnTorch reset_delay (default true). */
  resetDelay?: boolean;
  /** Train beta (snnTorch learn_beta). */
  learnBeta?: boolean;
}

/**
 * snnTorch's `RLeaky(beta, V, all_to_all, linear_features, ...)`: Leaky with its own previous spikes
 * fed back through a dense Linear or one to one through V. `forward(input, state)` (state null:
 * zeros) returns [spk, { spk, mem }]. State-dict keys are snnTorch's: `threshold`, `beta`, `V`
 * (one to one) or `recurrent.weight`/`recurrent.bias`, `graded_spikes_factor`, `reset_mechanism_val`
 * (parameters before buffers, as PyTorch orders them). snnTorch's hidden-state buffers (`spk`, `mem`)
 * and its alias `recurrent.V` are not kept: load such a dict with `{ strict: false }`.
 *
 * @param beta - Membrane decay per time step, in (0, 1] (snnTorch `beta`, dimensionless).
 * @param options - allToAll (default true) with linearFeatures (the neuron count, required then), or
 *   V: the one-to-one recurrent weight (default 1); learnRecurrent (default true); resetDelay (default
 *   true); learnBeta (default false); threshold (default 1); spikeGrad (default atan); resetMechanism
 *   (default 'subtract'); learnThreshold (default false); seed of the recurrent Linear.
 * @example
 * ```ts
 * // snnTorch: lif = snn.RLeaky(beta=0.9, linear_features=10)
 * const lif = new RLeaky(0.9, { linearFeatures: 10, seed: 0 });
 * const [spk, state] = unroll(lif, ones([25, 8, 10])); // [T 25, batch 8, 10] -> spk [25, 8, 10]
 * console.log(state.mem.shape); // [8, 10]
 * ```
 */
export class RLeaky extends SnnTorchNeuron<RLeakyState> {
  /**
   * Membrane decay per time step, in (0, 1] (snnTorch `beta`); a Parameter when learnBeta, a buffer
   * otherwise, shape [] or the shape it was given.
   */
  readonly beta: Parameter;
  private readonly resetDelay: boolean;
  private readonly connection: () => RecurrentConnection;

  constructor(
    beta: number,
    {
      resetDelay = true,
      learnBeta = false,
      allToAll,
      linearFeatures,
      V,
      learnRecurrent,
      seed,
      ...o
    }: RLeakyOptions = {},
  ) {
    super('subtract', o);
    this.resetDelay = resetDelay;
    this.beta = this.constant('beta', beta, learnBeta);
    this.connection = this.recurrence({ allToAll, linearFeatures, V, learnRecurrent, seed });
  }

  /** The parameter set of the next step: threshold, reset and decays as their live tensors. */
  get p(): RLeakyParameters {
    return { ...this.common, beta: this.beta.value, resetDelay: this.resetDelay, ...this.connection() };
  }

  forward(input: Tensor, state: RLeakyState | null = null): [Tensor, RLeakyState] {
    return rleakyStep(input, state, this.p);
  }
}

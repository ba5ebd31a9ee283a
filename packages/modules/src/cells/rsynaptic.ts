import {
  type RecurrentConnection,
  type RSynapticParameters,
  type RSynapticState,
  rsynapticStep,
  type Tensor,
} from '@snn/core';
import type { Parameter } from '../module/parameter.js';
import { type RecurrentOptions, SnnTorchNeuron, type SnnTorchNeuronOptions } from './snntorch-neuron.js';

export interface RSynapticOptions extends SnnTorchNeuronOptions, RecurrentOptions {
  /** Train alpha (snnTorch learn_alpha). */
  learnAlpha?: boolean;
  /** Train beta (snnTorch learn_beta). */
  learnBeta?: boolean;
}

/**
 * snnTorch's `RSynaptic(alpha, beta, V, all_to_all, linear_features, ...)`: Synaptic with its own
 * previous spikes fed into the synaptic current (see RLeaky). `forward(input, state)` (state null:
 * zeros) returns [spk, { spk, syn, mem }]. Keys as RLeaky's, plus `alpha`.
 *
 * @param alpha - Synaptic current decay per time step (snnTorch `alpha`, dimensionless).
 * @param beta - Membrane decay per time step, in (0, 1] (snnTorch `beta`, dimensionless).
 * @param options - allToAll (default true) with linearFeatures (the neuron count, required then), or
 *   V: the one-to-one recurrent weight (default 1); learnRecurrent (default true); learnAlpha and
 *   learnBeta (default false); threshold (default 1); spikeGrad (default atan); resetMechanism (default
 *   'subtract'); learnThreshold (default false); seed of the recurrent Linear.
 * @example
 * ```ts
 * // snnTorch: lif = snn.RSynaptic(alpha=0.9, beta=0.8, all_to_all=False, V=0.5)
 * const lif = new RSynaptic(0.9, 0.8, { allToAll: false, V: 0.5 });
 * const [spk, state] = unroll(lif, ones([25, 8, 10])); // [T 25, batch 8, 10] -> spk [25, 8, 10]
 * console.log(state.syn.shape); // [8, 10]
 * ```
 */
export class RSynaptic extends SnnTorchNeuron<RSynapticState> {
  /**
   * Membrane decay per time step, in (0, 1] (snnTorch `beta`); a Parameter when learnBeta, a buffer
   * otherwise, shape [] or the shape it was given.
   */
  readonly beta: Parameter;
  /**
   * Synaptic current decay per time step (snnTorch `alpha`); a Parameter when learnAlpha, a buffer
   * otherwise.
   */
  readonly alpha: Parameter;
  private readonly connection: () => RecurrentConnection;

  constructor(
    alpha: number,
    beta: number,
    {
      learnAlpha = false,
      learnBeta = false,
      allToAll,
      linearFeatures,
      V,
      learnRecurrent,
      seed,
      ...o
    }: RSynapticOptions = {},
  ) {
    super('subtract', o);
    this.beta = this.constant('beta', beta, learnBeta);
    this.connection = this.recurrence({ allToAll, linearFeatures, V, learnRecurrent, seed });
    this.alpha = this.constant('alpha', alpha, learnAlpha);
  }

  /** The parameter set of the next step: threshold, reset and decays as their live tensors. */
  get p(): RSynapticParameters {
    return { ...this.common, alpha: this.alpha.value, beta: this.beta.value, ...this.connection() };
  }

  forward(input: Tensor, state: RSynapticState | null = null): [Tensor, RSynapticState] {
    return rsynapticStep(input, state, this.p);
  }
}

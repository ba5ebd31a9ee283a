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
 */
export class RSynaptic extends SnnTorchNeuron<RSynapticState> {
  readonly beta: Parameter;
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

  get p(): RSynapticParameters {
    return { ...this.common, alpha: this.alpha.value, beta: this.beta.value, ...this.connection() };
  }

  forward(input: Tensor, state: RSynapticState | null = null): [Tensor, RSynapticState] {
    return rsynapticStep(input, state, this.p);
  }
}

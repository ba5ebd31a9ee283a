import { type SynapticParameters, type SynapticState, synapticStep, type Tensor } from '@snn/core';
import type { Parameter } from '../module/parameter.js';
import { SnnTorchNeuron, type SnnTorchNeuronOptions } from './snntorch-neuron.js';

export interface SynapticOptions extends SnnTorchNeuronOptions {
  /** Train alpha (snnTorch learn_alpha). */
  learnAlpha?: boolean;
  /** Train beta (snnTorch learn_beta). */
  learnBeta?: boolean;
}

/**
 * snnTorch's `Synaptic(alpha, beta, ...)`: a decaying synaptic current feeding the Leaky membrane.
 * `forward(input, state)` (state null: zeros) returns [spk, { syn, mem }]. State-dict keys are
 * snnTorch's: `threshold`, `graded_spikes_factor`, `reset_mechanism_val`, `beta`, `alpha`.
 */
export class Synaptic extends SnnTorchNeuron<SynapticState> {
  readonly beta: Parameter;
  readonly alpha: Parameter;

  constructor(
    alpha: number,
    beta: number,
    { learnAlpha = false, learnBeta = false, ...o }: SynapticOptions = {},
  ) {
    super('subtract', o);
    this.beta = this.constant('beta', beta, learnBeta);
    this.alpha = this.constant('alpha', alpha, learnAlpha);
  }

  get p(): SynapticParameters {
    return { ...this.common, alpha: this.alpha.value, beta: this.beta.value };
  }

  forward(input: Tensor, state: SynapticState | null = null): [Tensor, SynapticState] {
    return synapticStep(input, state, this.p);
  }
}

import { type AlphaParameters, type AlphaState, ArgumentError, alphaStep, type Tensor } from '@snn/core';
import type { Parameter } from '../module/parameter.js';
import { SnnTorchNeuron, type SnnTorchNeuronOptions } from './snntorch-neuron.js';

export interface AlphaOptions extends SnnTorchNeuronOptions {
  /** Train beta (snnTorch learn_beta). alpha stays fixed: snnTorch 0.9.4 cannot learn it. */
  learnBeta?: boolean;
}

/**
 * snnTorch's `Alpha(alpha, beta, ...)`: excitatory and inhibitory synaptic traces whose scaled sum is
 * the membrane; alpha must exceed beta. Default reset 'zero', as snnTorch. `forward(input, state)`
 * (state null: zeros) returns [spk, { synExc, synInh, mem }]. State-dict keys are snnTorch's:
 * `threshold`, `graded_spikes_factor`, `reset_mechanism_val`, `beta`, `alpha`.
 */
export class Alpha extends SnnTorchNeuron<AlphaState> {
  readonly beta: Parameter;
  readonly alpha: Parameter;

  constructor(alpha: number, beta: number, { learnBeta = false, ...o }: AlphaOptions = {}) {
    super('zero', o);
    this.beta = this.constant('beta', beta, learnBeta);
    // snnTorch stores alpha clamped to [0, 1].
    this.alpha = this.constant('alpha', Math.min(1, Math.max(0, alpha)), false);
    // snnTorch's checks, made once here: the step sees tensors.
    if (!(alpha > beta)) {
      throw new ArgumentError(`Alpha: alpha must be greater than beta, got alpha ${alpha}, beta ${beta}`);
    }
    if (beta === 1) throw new ArgumentError('Alpha: beta cannot be 1 (tau_alpha would divide by zero)');
  }

  get p(): AlphaParameters {
    return { ...this.common, alpha: this.alpha.value, beta: this.beta.value };
  }

  forward(input: Tensor, state: AlphaState | null = null): [Tensor, AlphaState] {
    return alphaStep(input, state, this.p);
  }
}

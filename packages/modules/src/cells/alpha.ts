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
 *
 * @param alpha - Decay per time step of the excitatory trace (snnTorch `alpha`, dimensionless, stored
 *   clamped to [0, 1]); must exceed beta.
 * @param beta - Decay per time step of the inhibitory trace (snnTorch `beta`, dimensionless), below
 *   alpha and not 1.
 * @param options - threshold (default 1), spikeGrad (default atan), resetMechanism (default 'zero'),
 *   learnThreshold and learnBeta (default false), shape (default [], one value shared).
 * @example
 * ```ts
 * // snnTorch: lif = snn.Alpha(alpha=0.9, beta=0.8)
 * const lif = new Alpha(0.9, 0.8);
 * const [spk, state] = unroll(lif, ones([10, 4, 3])); // [T 10, batch 4, 3] -> spk [10, 4, 3]
 * console.log(state.mem.shape); // [4, 3]
 * ```
 */
export class Alpha extends SnnTorchNeuron<AlphaState> {
  /** Decay per time step of the inhibitory trace (snnTorch `beta`), below alpha; trained with learnBeta. */
  readonly beta: Parameter;
  /** Decay per time step of the excitatory trace (snnTorch `alpha`), clamped to [0, 1]; a fixed buffer. */
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

  /** The parameter set of the next step: threshold, reset and decays as their live tensors. */
  get p(): AlphaParameters {
    return { ...this.common, alpha: this.alpha.value, beta: this.beta.value };
  }

  forward(input: Tensor, state: AlphaState | null = null): [Tensor, AlphaState] {
    return alphaStep(input, state, this.p);
  }
}

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
 *
 * @param alpha - Synaptic current decay per time step (snnTorch `alpha`, dimensionless).
 * @param beta - Membrane decay per time step, in (0, 1] (snnTorch `beta`, dimensionless).
 * @param options - learnAlpha and learnBeta (default false), threshold (default 1), spikeGrad (default
 *   atan), resetMechanism (default 'subtract'), learnThreshold (default false), shape (default []).
 * @example
 * ```ts
 * // snnTorch: lif = snn.Synaptic(alpha=0.9, beta=0.8); spk, syn, mem = lif(x, syn, mem)
 * const lif = new Synaptic(0.9, 0.8);
 * let state: SynapticState | null = null;
 * const spikes: number[] = [];
 * for (let t = 0; t < 5; t++) {
 *   const [spk, next] = lif.forward(tensor([[0.5]]), state);
 *   state = next;
 *   spikes.push(spk.item());
 * }
 * console.log(spikes); // [0, 1, 1, 1, 1]
 * ```
 */
export class Synaptic extends SnnTorchNeuron<SynapticState> {
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

  constructor(
    alpha: number,
    beta: number,
    { learnAlpha = false, learnBeta = false, ...o }: SynapticOptions = {},
  ) {
    super('subtract', o);
    this.beta = this.constant('beta', beta, learnBeta);
    this.alpha = this.constant('alpha', alpha, learnAlpha);
  }

  /** The parameter set of the next step: threshold, reset and decays as their live tensors. */
  get p(): SynapticParameters {
    return { ...this.common, alpha: this.alpha.value, beta: this.beta.value };
  }

  forward(input: Tensor, state: SynapticState | null = null): [Tensor, SynapticState] {
    return synapticStep(input, state, this.p);
  }
}

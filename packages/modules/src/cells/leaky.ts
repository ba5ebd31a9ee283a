import { type LeakyParameters, leakyStep, type Tensor } from '@snn/core';
import type { Parameter } from '../module/parameter.js';
import { SnnTorchNeuron, type SnnTorchNeuronOptions } from './snntorch-neuron.js';

export interface LeakyOptions extends SnnTorchNeuronOptions {
  /** snnTorch reset_delay (default true: reset applied on the step after a spike). */
  resetDelay?: boolean;
  /** Train beta (snnTorch learn_beta). */
  learnBeta?: boolean;
}

/**
 * snnTorch's `Leaky(beta, ...)`, with the membrane passed explicitly: `forward(input, mem)` (mem
 * null: zeros) returns [spk, mem]. State-dict keys are snnTorch's: `threshold`,
 * `graded_spikes_factor`, `reset_mechanism_val`, `beta` (parameters when learnable, buffers otherwise),
 * so a snnTorch `Leaky`'s state dict loads as is.
 */
export class Leaky extends SnnTorchNeuron<Tensor> {
  readonly beta: Parameter;
  private readonly resetDelay: boolean;

  constructor(beta: number, { resetDelay = true, learnBeta = false, ...o }: LeakyOptions = {}) {
    super('subtract', o);
    this.resetDelay = resetDelay;
    this.beta = this.constant('beta', beta, learnBeta);
  }

  get p(): LeakyParameters {
    return { ...this.common, beta: this.beta.value, resetDelay: this.resetDelay };
  }

  /**
   * The membrane before the first step, snnTorch's `init_leaky()`: null, which `forward` reads as
   * zeros of the input's shape (so the batch size need not be known in advance).
   */
  initLeaky(): Tensor | null {
    return null;
  }

  forward(input: Tensor, mem: Tensor | null = null): [Tensor, Tensor] {
    return leakyStep(input, mem, this.p);
  }
}

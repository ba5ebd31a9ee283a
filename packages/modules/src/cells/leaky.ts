import {
  type LeakyParameters,
  type LeakySequenceResult,
  leakySequence,
  leakyStep,
  type Tensor,
} from '@snn/core';
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
 *
 * snnTorch: `snn.Leaky(beta, threshold=1.0, reset_mechanism='subtract', ...)`.
 *
 * @param beta - Membrane decay per time step, in (0, 1] (snnTorch `beta`, dimensionless).
 * @param options - resetDelay (default true), learnBeta (default false), threshold (default 1), spikeGrad
 *   (default atan), resetMechanism (default 'subtract'), learnThreshold (default false), shape (default []).
 * @example
 * ```ts
 * const inputs = [ones([8, 10]), zeros([8, 10])]; // two steps
 * const lif = new Leaky(0.9); // threshold 1, reset by subtraction
 * let mem = lif.initLeaky();
 * for (const x of inputs) { // each [batch, features]
 *   const [spk, next] = lif.forward(x, mem);
 *   mem = next;
 * }
 * ```
 */
export class Leaky extends SnnTorchNeuron<Tensor> {
  /**
   * Membrane decay per time step, in (0, 1] (snnTorch `beta`); a Parameter when learnBeta, a buffer
   * otherwise, shape [] or the shape it was given.
   */
  readonly beta: Parameter;
  private readonly resetDelay: boolean;

  constructor(beta: number, { resetDelay = true, learnBeta = false, ...o }: LeakyOptions = {}) {
    super('subtract', o);
    this.resetDelay = resetDelay;
    this.beta = this.constant('beta', beta, learnBeta);
  }

  /** The parameter set of the next step: threshold, reset and decays as their live tensors. */
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

  /**
   * All T steps of `forward` at once: `input` [T, ...n] (or, with `steps`, one input [...n] presented
   * at every one of `steps` steps, as snnTorch's tutorials feed the same image each step) and the
   * membrane before step 0 (null: zeros) -> `{ spk, mem }`, each [T, ...n]. The same values as T
   * `forward` calls; where no gradient is recorded (inference) a backend with the fused LeakySequence
   * kernel runs every step in one pass.
   */
  forwardSequence(input: Tensor, mem: Tensor | null = null, steps?: number): LeakySequenceResult {
    return leakySequence(input, mem, this.p, steps);
  }
}

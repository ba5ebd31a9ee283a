import {
  fill,
  type LeakyParameters,
  leakyStep,
  type ResetMechanism,
  type SpikeMethod,
  type Tensor,
  tensor,
} from '@snn/core';
import { Module } from '../module/module.js';
import type { Parameter } from '../module/parameter.js';

export interface LeakyOptions {
  /** Firing threshold (snnTorch default 1). */
  threshold?: number;
  /** Surrogate spike function (snnTorch default: atan, alpha 2). */
  spikeGrad?: SpikeMethod;
  resetMechanism?: ResetMechanism;
  /** snnTorch reset_delay (default true: reset applied on the step after a spike). */
  resetDelay?: boolean;
  /** Train beta (snnTorch learn_beta). */
  learnBeta?: boolean;
  /** Train the threshold (snnTorch learn_threshold). */
  learnThreshold?: boolean;
  /** Shape of beta/threshold: [] (default) shared, [n] per neuron. */
  shape?: readonly number[];
}

// snnTorch's reset_dict.
const RESET_CODE: Record<ResetMechanism, number> = { subtract: 0, zero: 1, none: 2 };

/**
 * snnTorch's `Leaky(beta, ...)`, with the membrane passed explicitly: `forward(input, mem)` (mem
 * null: zeros) returns [spk, mem]. State-dict keys are snnTorch's: `threshold`,
 * `graded_spikes_factor`, `reset_mechanism_val`, `beta` (parameters when learnable, buffers otherwise),
 * so a snnTorch `Leaky`'s state dict loads as is.
 */
export class Leaky extends Module {
  readonly threshold: Parameter;
  readonly graded_spikes_factor: Parameter;
  readonly reset_mechanism_val: Parameter;
  readonly beta: Parameter;
  readonly resetMechanism: ResetMechanism;
  private readonly spikeGrad: SpikeMethod | undefined;
  private readonly resetDelay: boolean;

  constructor(
    beta: number,
    {
      threshold = 1,
      spikeGrad,
      resetMechanism = 'subtract',
      resetDelay = true,
      learnBeta = false,
      learnThreshold = false,
      shape = [],
    }: LeakyOptions = {},
  ) {
    super();
    this.resetMechanism = resetMechanism;
    this.spikeGrad = spikeGrad;
    this.resetDelay = resetDelay;
    const reg = (name: string, value: Tensor, learn: boolean) =>
      learn ? this.registerParameter(name, value) : this.registerBuffer(name, value);
    this.threshold = reg('threshold', fill([...shape], threshold), learnThreshold);
    this.graded_spikes_factor = this.registerBuffer('graded_spikes_factor', fill([], 1));
    this.reset_mechanism_val = this.registerBuffer(
      'reset_mechanism_val',
      tensor([RESET_CODE[resetMechanism]], [], 'int32'),
    );
    this.beta = reg('beta', fill([...shape], beta), learnBeta);
  }

  get p(): LeakyParameters {
    return {
      beta: this.beta.value,
      threshold: this.threshold.value,
      spikeGrad: this.spikeGrad,
      resetMechanism: this.resetMechanism,
      resetDelay: this.resetDelay,
    };
  }

  forward(input: Tensor, mem: Tensor | null = null): [Tensor, Tensor] {
    return leakyStep(input, mem, this.p);
  }
}

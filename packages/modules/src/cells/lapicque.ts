import {
  type LapicqueOptions as CoreLapicqueOptions,
  type LapicqueParameters,
  lapicqueParameters,
  lapicqueStep,
  type Tensor,
  tensor,
} from '@snn/core';
import type { Parameter } from '../module/parameter.js';
import { SnnTorchNeuron, type SnnTorchNeuronOptions } from './snntorch-neuron.js';

export interface LapicqueOptions
  extends SnnTorchNeuronOptions,
    Pick<CoreLapicqueOptions, 'beta' | 'R' | 'C' | 'timeStep'> {}

/**
 * snnTorch's `Lapicque(beta, R, C, time_step=1, ...)`: an RC membrane integrated with forward Euler.
 * Give R and C, or beta and at most one of them (snnTorch derives the rest). `forward(input, mem)`
 * (mem null: zeros) returns [spk, mem]. State-dict keys are snnTorch's buffers: `threshold`,
 * `graded_spikes_factor`, `reset_mechanism_val`, `beta`, `time_step`, `R`, `C` (only the threshold
 * can be trained: the update uses R and C, not beta).
 */
export class Lapicque extends SnnTorchNeuron<Tensor> {
  readonly beta: Parameter;
  readonly time_step: Parameter;
  readonly R: Parameter;
  readonly C: Parameter;

  constructor({ beta, R, C, timeStep, ...o }: LapicqueOptions) {
    super('subtract', o);
    const q = lapicqueParameters({ beta, R, C, timeStep });
    this.beta = this.registerBuffer('beta', tensor(q.beta));
    this.time_step = this.registerBuffer('time_step', tensor(q.timeStep));
    this.R = this.registerBuffer('R', tensor(q.R));
    this.C = this.registerBuffer('C', tensor(q.C));
  }

  /** The parameter set of the next step, with the live tensors. */
  get p(): LapicqueParameters {
    return {
      ...this.common,
      R: this.R.value,
      C: this.C.value,
      beta: this.beta.value,
      timeStep: this.time_step.value,
    };
  }

  forward(input: Tensor, mem: Tensor | null = null): [Tensor, Tensor] {
    return lapicqueStep(input, mem, this.p);
  }
}

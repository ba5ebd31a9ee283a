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
 *
 * @param options - R (membrane resistance) and C (capacitance), or beta (decay per step) with at most
 *   one of them; timeStep: the Euler step in the unit of R C (default 1); threshold (default 1),
 *   spikeGrad (default atan), resetMechanism (default 'subtract'), learnThreshold (default false),
 *   shape (default [], one value shared).
 * @example
 * ```ts
 * // snnTorch: lif = snn.Lapicque(R=5.1, C=5e-3, time_step=1e-3)
 * const lif = new Lapicque({ R: 5.1, C: 5e-3, timeStep: 1e-3 }); // R C = 25.5 ms, 1 ms steps
 * let mem: Tensor | null = null;
 * for (let t = 0; t < 10; t++) {
 *   const [spk, next] = lif.forward(tensor([[0.5]]), mem);
 *   mem = next;
 * }
 * ```
 */
export class Lapicque extends SnnTorchNeuron<Tensor> {
  /** Membrane decay per step, exp(-time_step / (R C)) (a buffer: snnTorch derives it, the update uses R and C). */
  readonly beta: Parameter;
  /** Euler step in the same time unit as R C (snnTorch `time_step`, default 1), a buffer. */
  readonly time_step: Parameter;
  /** Membrane resistance (snnTorch `R`), a buffer. */
  readonly R: Parameter;
  /** Membrane capacitance (snnTorch `C`), a buffer. */
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

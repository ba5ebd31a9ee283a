import type { Tensor } from '@snn/core';
import { Module } from '../module/module.js';
import { type LearnableOptions, registerLearnable } from './learnable.js';

/** Constructor options shared by the Norse-style neuron modules with parameter set P. */
export interface NeuronOptions<P, K extends string> extends LearnableOptions<K> {
  /** Norse's parameter set; missing fields take Norse's defaults. */
  p?: Partial<P>;
  /** Integration time step in s (default 0.001). */
  dt?: number;
}

/**
 * Base of the neuron modules that hold only a time step and a neuron parameter set: the chosen
 * `learnable` fields of `p` are registered as Parameters here, so each subclass just runs its step.
 * (Modules with weights registered before the neuron parameters call registerLearnable themselves,
 * keeping their parameter order.) `forward(input, state)` returns [output, next state S].
 */
export abstract class NeuronModule<P extends object, S> extends Module<
  [input: Tensor, state?: S | null],
  [Tensor, S]
> {
  /** Integration time step, in s. */
  readonly dt: number;
  /** The parameter set for this step, with the learnable fields replaced by their live tensors. */
  protected readonly neuronParams: () => P;

  protected constructor(p: P, dt: number, learn: LearnableOptions<keyof P & string>) {
    super();
    this.dt = dt;
    this.neuronParams = registerLearnable(this, (n, v) => this.registerParameter(n, v), p, learn);
  }

  /** The neuron parameters this module steps with (learnable fields are their live tensors). */
  get p(): P {
    return this.neuronParams();
  }
}

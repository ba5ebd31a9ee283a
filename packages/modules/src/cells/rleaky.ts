import {
  ArgumentError,
  type RecurrentConnection,
  type RLeakyParameters,
  type RLeakyState,
  rleakyStep,
  type Tensor,
} from '@snn/core';
import { Linear } from '../layers/linear.js';
import type { Parameter } from '../module/parameter.js';
import { SnnTorchNeuron, type SnnTorchNeuronOptions } from './snntorch-neuron.js';

/** snnTorch's recurrence options, shared by RLeaky and RSynaptic. */
export interface RecurrentOptions {
  /** Dense recurrence through a Linear(n, n) (snnTorch default true); false: one to one through V. */
  allToAll?: boolean;
  /** Neurons n of the recurrent Linear; required with allToAll. */
  linearFeatures?: number;
  /** One-to-one recurrent weight (snnTorch default 1). */
  V?: number;
  /** Train the recurrent weights or V (snnTorch learn_recurrent, default true). */
  learnRecurrent?: boolean;
  /** Seed of the recurrent Linear's initial weights (PyTorch's init). */
  seed?: number;
}

export interface RLeakyOptions extends SnnTorchNeuronOptions, RecurrentOptions {
  /** snnTorch reset_delay (default true). */
  resetDelay?: boolean;
  /** Train beta (snnTorch learn_beta). */
  learnBeta?: boolean;
}

/**
 * The recurrence snnTorch builds: a child `recurrent` = Linear(n, n) (keys `recurrent.weight`,
 * `recurrent.bias`) for allToAll, else `V` registered on the neuron (parameter when learnRecurrent).
 */
export function recurrentConnection(
  self: SnnTorchNeuron,
  register: {
    module: (name: string, m: Linear) => Linear;
    constant: (name: string, v: number, learn: boolean) => Parameter;
  },
  { allToAll = true, linearFeatures, V = 1, learnRecurrent = true, seed }: RecurrentOptions,
): () => RecurrentConnection {
  const name = self.constructor.name;
  if (allToAll) {
    if (!Number.isInteger(linearFeatures) || (linearFeatures as number) < 1) {
      throw new ArgumentError(
        `${name}: allToAll needs linearFeatures (the number of neurons), got ${String(linearFeatures)}`,
      );
    }
    const recurrent = register.module('recurrent', new Linear(linearFeatures!, linearFeatures!, { seed }));
    if (!learnRecurrent) for (const p of recurrent.parameters()) p.requiresGrad = false;
    return () => ({ recurrentWeight: recurrent.weight.value, recurrentBias: recurrent.bias!.value });
  }
  if (linearFeatures !== undefined) {
    throw new ArgumentError(`${name}: linearFeatures is for allToAll; the one-to-one recurrence uses V`);
  }
  const v = register.constant('V', V, learnRecurrent);
  return () => ({ V: v.value });
}

/**
 * snnTorch's `RLeaky(beta, V, all_to_all, linear_features, ...)`: Leaky with its own previous spikes
 * fed back through a dense Linear or one to one through V. `forward(input, state)` (state null:
 * zeros) returns [spk, { spk, mem }]. State-dict keys are snnTorch's: `threshold`, `beta`, `V`
 * (one to one) or `recurrent.weight`/`recurrent.bias`, `graded_spikes_factor`, `reset_mechanism_val`
 * (parameters before buffers, as PyTorch orders them). snnTorch's hidden-state buffers (`spk`, `mem`)
 * and its alias `recurrent.V` are not kept: load such a dict with `{ strict: false }`.
 */
export class RLeaky extends SnnTorchNeuron {
  readonly beta: Parameter;
  private readonly resetDelay: boolean;
  private readonly connection: () => RecurrentConnection;

  constructor(
    beta: number,
    {
      resetDelay = true,
      learnBeta = false,
      allToAll,
      linearFeatures,
      V,
      learnRecurrent,
      seed,
      ...o
    }: RLeakyOptions = {},
  ) {
    super('subtract', o);
    this.resetDelay = resetDelay;
    this.beta = this.constant('beta', beta, learnBeta);
    this.connection = recurrentConnection(
      this,
      { module: (n, m) => this.registerModule(n, m), constant: (n, v, l) => this.constant(n, v, l) },
      { allToAll, linearFeatures, V, learnRecurrent, seed },
    );
  }

  get p(): RLeakyParameters {
    return { ...this.common, beta: this.beta.value, resetDelay: this.resetDelay, ...this.connection() };
  }

  forward(input: Tensor, state: RLeakyState | null = null): [Tensor, RLeakyState] {
    return rleakyStep(input, state, this.p);
  }
}

import {
  ArgumentError,
  fill,
  type RecurrentConnection,
  type ResetMechanism,
  type SpikeMethod,
  type Tensor,
  tensor,
} from '@snn/core';
import { Linear } from '../layers/linear.js';
import { Module } from '../module/module.js';
import type { Parameter } from '../module/parameter.js';
import { CELL } from '../time/unroll.js';

/** Options every snnTorch neuron takes (snnTorch's SpikingNeuron arguments, camelCase). */
export interface SnnTorchNeuronOptions {
  /** Firing threshold (snnTorch default 1). */
  threshold?: number;
  /** Surrogate spike function (snnTorch default: atan, alpha 2). */
  spikeGrad?: SpikeMethod;
  /** 'subtract', 'zero' or 'none' (the neuron's own default when left out). */
  resetMechanism?: ResetMechanism;
  /** Train the threshold (snnTorch learn_threshold). */
  learnThreshold?: boolean;
  /** Shape of the neuron parameters: [] (default) shared, [n] per neuron. */
  shape?: readonly number[];
}

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

// snnTorch's reset_dict.
const RESET_CODE: Record<ResetMechanism, number> = { subtract: 0, zero: 1, none: 2 };

/**
 * What every snnTorch neuron registers, in snnTorch's order so state dicts load both ways:
 * `threshold`, `graded_spikes_factor`, `reset_mechanism_val`, then the subclass's own (`beta`,
 * `alpha`, `V`, ...), each a parameter when learnable and a buffer otherwise. A cell: one step per
 * call with the state S passed explicitly (run it with `unroll`, or inside `Sequential`).
 *
 * @example
 * ```ts
 * // Any snnTorch neuron (Leaky, Synaptic, Alpha, Lapicque, RLeaky, RSynaptic) is one of these.
 * const neurons: SnnTorchNeuron<unknown>[] = [new Leaky(0.9), new Synaptic(0.9, 0.8)];
 * for (const n of neurons) console.log(n.resetMechanism, n.threshold.value.item()); // subtract 1
 * ```
 */
export abstract class SnnTorchNeuron<S> extends Module<[input: Tensor, state?: S | null], [Tensor, S]> {
  /** Marks a cell: `Sequential` runs it over time with `unroll`. */
  readonly [CELL] = true as const;
  /** Firing threshold (option `threshold`, default 1); a Parameter with `learnThreshold`, else a buffer. */
  readonly threshold: Parameter;
  /** snnTorch's `graded_spikes_factor` buffer (1), kept so state dicts load both ways. */
  readonly graded_spikes_factor: Parameter;
  /** snnTorch's `reset_mechanism_val` buffer: 0 subtract, 1 zero, 2 none. */
  readonly reset_mechanism_val: Parameter;
  /** How the membrane resets after a spike: 'subtract', 'zero' or 'none'. */
  readonly resetMechanism: ResetMechanism;
  /** Surrogate spike function (option `spikeGrad`; undefined: the step's default, atan). */
  protected readonly spikeGrad: SpikeMethod | undefined;
  /** Shape of the neuron parameters (option `shape`): [] shared, [n] per neuron. */
  protected readonly paramShape: readonly number[];

  protected constructor(defaultReset: ResetMechanism, o: SnnTorchNeuronOptions) {
    super();
    this.resetMechanism = o.resetMechanism ?? defaultReset;
    this.spikeGrad = o.spikeGrad;
    this.paramShape = o.shape ?? [];
    this.threshold = this.constant('threshold', o.threshold ?? 1, o.learnThreshold ?? false);
    this.graded_spikes_factor = this.registerBuffer('graded_spikes_factor', fill([], 1));
    this.reset_mechanism_val = this.registerBuffer(
      'reset_mechanism_val',
      tensor([RESET_CODE[this.resetMechanism]], [], 'int32'),
    );
  }

  /** A neuron constant of the parameter shape: a Parameter when learnable, else a buffer. */
  protected constant(name: string, value: number | Tensor, learn: boolean): Parameter {
    const t = typeof value === 'number' ? fill([...this.paramShape], value) : value;
    return learn ? this.registerParameter(name, t) : this.registerBuffer(name, t);
  }

  /** The fields every snnTorch step takes, with the live tensors. */
  protected get common(): {
    /** The live threshold tensor. */
    threshold: Tensor;
    /** The surrogate spike function. */
    spikeGrad: SpikeMethod | undefined;
    /** The reset mechanism. */
    resetMechanism: ResetMechanism;
  } {
    return {
      threshold: this.threshold.value,
      spikeGrad: this.spikeGrad,
      resetMechanism: this.resetMechanism,
    };
  }

  /**
   * The recurrence snnTorch's RLeaky and RSynaptic build: a child `recurrent` = Linear(n, n) (keys
   * `recurrent.weight`, `recurrent.bias`) for allToAll, else `V` registered here (a parameter when
   * learnRecurrent). Returns the connection for each step.
   */
  protected recurrence({
    allToAll = true,
    linearFeatures,
    V = 1,
    learnRecurrent = true,
    seed,
  }: RecurrentOptions): () => RecurrentConnection {
    const name = this.constructor.name;
    if (allToAll) {
      if (!Number.isInteger(linearFeatures) || (linearFeatures as number) < 1) {
        throw new ArgumentError(
          `${name}: allToAll needs linearFeatures (the number of neurons), got ${String(linearFeatures)}`,
        );
      }
      const n = linearFeatures as number;
      const recurrent = this.registerModule('recurrent', new Linear(n, n, { seed }));
      if (!learnRecurrent) for (const p of recurrent.parameters()) p.requiresGrad = false;
      return () => ({ recurrentWeight: recurrent.weight.value, recurrentBias: recurrent.bias!.value });
    }
    if (linearFeatures !== undefined) {
      throw new ArgumentError(`${name}: linearFeatures is for allToAll; the one-to-one recurrence uses V`);
    }
    const v = this.constant('V', V, learnRecurrent);
    return () => ({ V: v.value });
  }
}

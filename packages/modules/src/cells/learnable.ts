import { ArgumentError, fill, type Tensor } from '@snn/core';
import type { Module } from '../module/module.js';
import type { Parameter } from '../module/parameter.js';

// Norse's parameter names that keep a capital letter (LIFAdEx/LIFEx delta_T, CobaLIF e_rev_E/e_rev_I).
const NORSE_NAMES: Readonly<Record<string, string>> = {
  deltaT: 'delta_T',
  eRevE: 'e_rev_E',
  eRevI: 'e_rev_I',
};

/** Turns camelCase neuron parameter names into the snake_case keys Norse/snnTorch use in state dicts. */
export const snakeCase = (name: string): string =>
  NORSE_NAMES[name] ?? name.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);

/**
 * Which neuron parameters a cell trains, and their shape. `K` is the cell's parameter names.
 *
 * @example
 * ```ts
 * new LIFCell({ learnable: ['tauMemInv', 'vTh'], learnableShape: [100] }); // one per neuron
 * ```
 */
export interface LearnableOptions<K extends string> {
  /** Neuron parameters to train (e.g. ['tauMemInv', 'vTh']); each becomes a Parameter. */
  learnable?: readonly K[];
  /** Shape of each learnable parameter: [] (default) one shared value, [n] one per neuron. */
  learnableShape?: readonly number[];
}

/**
 * Registers the chosen neuron parameters of `p` as trainable tensors named in snake_case
 * (`tau_mem_inv`, `v_th`, `beta`), initialised to p's value, and returns a function giving the
 * parameter set for this step with those fields replaced by the live tensors.
 */
export function registerLearnable<P extends object, K extends keyof P & string>(
  module: Module,
  register: (name: string, value: Tensor) => Parameter,
  p: P,
  { learnable = [], learnableShape = [] }: LearnableOptions<K>,
): () => P {
  const slots: [K, Parameter][] = [];
  for (const key of learnable) {
    const init = p[key];
    if (typeof init !== 'number') {
      throw new ArgumentError(
        `${module.constructor.name}: learnable "${key}" needs a number to start from, got ${typeof init}`,
      );
    }
    slots.push([key, register(snakeCase(key), fill([...learnableShape], init))]);
  }
  if (slots.length === 0) return () => p;
  return () => {
    const out = { ...p };
    for (const [key, param] of slots) (out as Record<string, unknown>)[key] = param.value;
    return out;
  };
}

import { DEFAULT_SURROGATE_ALPHA } from '../backends/reference/surrogate-derivatives.js';
import { ArgumentError } from '../errors.js';
import type { SurrogateName } from '../kernels/kernel-signatures.js';
import { heaviside, isSpikeFunction, namedSpikeFunction, type SpikeFunction } from './spike-function.js';

/**
 * How a neuron's parameters name its spike function: Norse's method strings ('super', 'heaviside'),
 * any of our surrogate names, or a SpikeFunction (from `surrogate.*` or `surrogate.custom`).
 */
export type SpikeMethod = 'super' | 'heaviside' | SurrogateName | SpikeFunction;

/** The SpikeFunction for a method; `alpha` applies to names (a SpikeFunction carries its own). */
export function resolveSpikeFunction(method: SpikeMethod, alpha?: number): SpikeFunction {
  if (isSpikeFunction(method)) return method;
  if (method === 'heaviside') return heaviside();
  const name: SurrogateName | undefined =
    method === 'super'
      ? 'superspike'
      : method in DEFAULT_SURROGATE_ALPHA
        ? (method as SurrogateName)
        : undefined;
  if (name === undefined) {
    throw new ArgumentError(
      `unknown spike method '${String(method)}'; expected 'super', 'heaviside', one of ${Object.keys(DEFAULT_SURROGATE_ALPHA).join(', ')}, or a surrogate.* function`,
    );
  }
  // Neuron steps resolve their method on every call: reuse one SpikeFunction per (name, alpha).
  const key = `${name}:${alpha ?? DEFAULT_SURROGATE_ALPHA[name]}`;
  let f = cache.get(key);
  if (f === undefined) {
    f = namedSpikeFunction(name, alpha);
    if (cache.size < 64) cache.set(key, f);
  }
  return f;
}

const cache = new Map<string, SpikeFunction>();

/** The (surrogate, alpha) pair a fused kernel needs, or undefined when the method has none (custom, heaviside). */
export function fusedSurrogate(
  method: SpikeMethod,
  alpha?: number,
): { surrogate: SurrogateName; alpha: number } | undefined {
  const f = resolveSpikeFunction(method, alpha);
  if (f.surrogate === 'custom' || f.surrogate === 'heaviside') return undefined;
  return { surrogate: f.surrogate, alpha: f.alpha };
}

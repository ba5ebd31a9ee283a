import { ArgumentError } from '../errors.js';
import { getSurrogate, surrogateNames } from './registry.js';
import { heaviside, isSpikeFunction, namedSpikeFunction, type SpikeFunction } from './spike-function.js';

/** Core's surrogate names (autocompleted); any name added with surrogate.define works too. */
export type BuiltinSurrogateName =
  | 'superspike'
  | 'atan'
  | 'sigmoid'
  | 'fastSigmoid'
  | 'triangle'
  | 'straightThrough'
  | 'triangular'
  | 'spikeRateEscape'
  | 'piecewiseQuadratic'
  | 'piecewiseExp'
  | 'softSign'
  | 'erf'
  | 'piecewiseLeakyReLU'
  | 'qPseudoSpike'
  | 'leakyKReLU'
  | 's2nn';

/** A defined surrogate's name: core's, or one added with surrogate.define (the set is open). */
export type SurrogateName = BuiltinSurrogateName | (string & {});

/**
 * How a neuron's parameters name its spike function: Norse's method strings ('super', 'heaviside'),
 * any defined surrogate name, or a SpikeFunction (from `surrogate.*` or `surrogate.custom`).
 */
export type SpikeMethod = 'super' | 'heaviside' | SurrogateName | SpikeFunction;

/**
 * The SpikeFunction for a method; `alpha` applies to names (a SpikeFunction carries its own).
 *
 * @param method - 'super', 'heaviside', a surrogate name, or a SpikeFunction.
 * @param alpha - The sharpness for a name; default the surrogate's own.
 * @example
 * ```ts
 * const f = surrogate.resolveSpikeFunction('super'); // Norse's method string
 * console.log(f.surrogate, f.alpha); // 'superspike' 100
 * ```
 */
export function resolveSpikeFunction(method: SpikeMethod, alpha?: number): SpikeFunction {
  if (isSpikeFunction(method)) return method;
  if (method === 'heaviside') return heaviside();
  const name = method === 'super' ? 'superspike' : method;
  const def = typeof name === 'string' ? getSurrogate(name) : undefined;
  if (def === undefined) {
    throw new ArgumentError(
      `unknown spike method '${String(method)}'; expected 'super', 'heaviside', one of ${surrogateNames().join(', ')}, or a surrogate.* function`,
    );
  }
  // Neuron steps resolve their method on every call: reuse one SpikeFunction per (name, alpha).
  const key = `${name}:${alpha ?? def.alpha}`;
  let f = cache.get(key);
  if (f === undefined) {
    f = namedSpikeFunction(name, alpha);
    if (cache.size < 64) cache.set(key, f);
  }
  return f;
}

const cache = new Map<string, SpikeFunction>();

/**
 * The (surrogate, alpha) pair a fused kernel needs, or undefined when the method has none (custom, heaviside).
 *
 * @param method - 'super', 'heaviside', a surrogate name, or a SpikeFunction.
 * @param alpha - The sharpness for a name.
 * @example
 * ```ts
 * console.log(surrogate.fusedSurrogate('atan', 2)); // { surrogate: 'atan', alpha: 2 }
 * console.log(surrogate.fusedSurrogate(surrogate.custom((x) => onesLike(x)))); // undefined
 * ```
 */
export function fusedSurrogate(
  method: SpikeMethod,
  alpha?: number,
):
  | {
      /** The registered surrogate name the kernel's `surrogate` attr takes. */
      surrogate: string;
      /** The sharpness (the method's alpha, or the surrogate's default). */
      alpha: number;
    }
  | undefined {
  const f = resolveSpikeFunction(method, alpha);
  if (f.surrogate === 'custom' || f.surrogate === 'heaviside') return undefined;
  return { surrogate: f.surrogate, alpha: f.alpha };
}

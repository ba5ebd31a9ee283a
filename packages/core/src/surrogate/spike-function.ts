import { runKernel } from '../engine/api.js';
import { customGrad, grad } from '../engine/gradients-api.js';
import { ArgumentError } from '../errors.js';
import { mul, spike, zerosLike } from '../ops/index.js';
import type { Tensor } from '../tensor/tensor.js';
import { checkAlpha } from './definition.js';
import { surrogateDerivative, surrogatePrimitive } from './derivatives.js';
import { requireSurrogate } from './registry.js';

/**
 * A spike function: the Heaviside step forward, a smooth surrogate's derivative backward.
 *
 * `inclusive` picks the threshold convention of the neuron family calling it: false fires on x > 0
 * (Norse's `heaviside`, snnTorch's `(input_ > 0)`), true fires on x >= 0 (SpikingJelly's `heaviside`,
 * `x >= 0`). The neuron functions pass their library's convention; a user rarely sets it.
 */
export interface SpikeFunction {
  (x: Tensor, inclusive?: boolean): Tensor;
  /** The defined surrogate's name (what fused kernels and SpikeGrad take), 'custom', or 'heaviside' (no gradient). */
  readonly surrogate: string;
  /** Its slope/sharpness parameter (1 for straightThrough, custom and heaviside). */
  readonly alpha: number;
  /** surrogate'(x) as a tensor (zeros for heaviside). */
  derivative(x: Tensor): Tensor;
}

/**
 * The spike function of a defined surrogate (core's or one added with surrogate.define): forward
 * Spike kernel, backward the SpikeGrad kernel (native on backends that support the surrogate,
 * otherwise core's decomposition in ops/decompositions/SpikeGrad.ts). alpha defaults to the
 * surrogate's own.
 *
 * @param name - A defined surrogate's name ('atan', 'superspike', one added with surrogate.define...).
 * @param alphaOption - Its sharpness; default the surrogate's own.
 * @example
 * ```ts
 * const spikeFn = surrogate.namedSpikeFunction('atan', 2); // the same as surrogate.atan({ alpha: 2 })
 * console.log(spikeFn.surrogate, spikeFn.alpha); // 'atan' 2
 * ```
 */
export function namedSpikeFunction(name: string, alphaOption?: number): SpikeFunction {
  const def = requireSurrogate(name, 'surrogate');
  const alpha = alphaOption ?? def.alpha;
  checkAlpha(name, alpha, def.alphaAbove);
  const attrs = { surrogate: name, alpha };
  const fire = (inclusive: boolean) =>
    customGrad(
      (x: Tensor) => ({
        value: spike(x, { inclusive }),
        // saved = [x], held by the tape until the backward pass.
        gradFunc: (dy, saved) => [runKernel('SpikeGrad', { dy, x: saved[0] }, attrs)],
      }),
      `spike(${name})`,
    );
  const exclusiveFn = fire(false);
  const inclusiveFn = fire(true);
  const fn = (x: Tensor, inclusive = false) => (inclusive ? inclusiveFn(x) : exclusiveFn(x));
  return Object.assign(fn, {
    surrogate: name,
    alpha,
    derivative: (x: Tensor) => surrogateDerivative(name, x, alpha),
  });
}

/**
 * A spike function with your own surrogate derivative, written in core ops: `derivative(x)` returns
 * d(spike)/dx at x = v - vTh (same shape as x). The backward pass multiplies it by the incoming gradient.
 * Neurons using a custom surrogate always take the step-by-step path (fused kernels need a named one).
 *
 * @param derivative - x -> d(spike)/dx at x = v - vTh, in core ops.
 * @example
 * ```ts
 * // A rectangular window of width 1 (not a named surrogate, so neurons take the step-by-step path)
 * const box = surrogate.custom((x) => cast(lessEqual(abs(x), 0.5), 'float32'));
 * const g = grad((x: Tensor) => sum(box(x)))(tensor([-1, 0.2, 0.4])); // [0, 1, 1]
 * ```
 */
export function custom(derivative: (x: Tensor) => Tensor): SpikeFunction {
  if (typeof derivative !== 'function') {
    throw new ArgumentError(
      'surrogate.custom(derivative): derivative must be a function (x: Tensor) => Tensor',
    );
  }
  const fire = (inclusive: boolean) =>
    customGrad(
      (x: Tensor) => ({
        value: spike(x, { inclusive }),
        gradFunc: (dy, saved) => [mul(dy, derivative(saved[0]))],
      }),
      'spike(custom)',
    );
  const exclusiveFn = fire(false);
  const inclusiveFn = fire(true);
  const fn = (x: Tensor, inclusive = false) => (inclusive ? inclusiveFn(x) : exclusiveFn(x));
  return Object.assign(fn, { surrogate: 'custom' as const, alpha: 1, derivative });
}

/**
 * The bare Heaviside step (Norse method 'heaviside'): no gradient flows through it.
 *
 * @example
 * ```ts
 * // Norse: LIFParameters(method='heaviside'): spikes without a gradient (inference)
 * const step = surrogate.heaviside();
 * console.log(step(tensor([-0.1, 0.2])).dataSync()); // [0, 1]
 * const [z, state] = lifFeedForwardStep(tensor([[2]]), null, { method: 'heaviside' });
 * ```
 */
export function heaviside(): SpikeFunction {
  const fn = (x: Tensor, inclusive = false) => spike(x, { inclusive });
  return Object.assign(fn, {
    surrogate: 'heaviside' as const,
    alpha: 1,
    derivative: (x: Tensor) => zerosLike(x),
  });
}

/**
 * True for the spike functions produced by this module (used to validate neuron parameters).
 *
 * @example
 * ```ts
 * console.log(surrogate.isSpikeFunction(surrogate.atan()), surrogate.isSpikeFunction(relu)); // true false
 * ```
 */
export function isSpikeFunction(f: unknown): f is SpikeFunction {
  return typeof f === 'function' && 'surrogate' in f && 'derivative' in f;
}

/**
 * SpikingJelly's `spiking=False` mode of a surrogate: the forward IS the smooth primitive (no step),
 * differentiated as written (for PiecewiseLeakyReLU and S2NN that differs from the spiking backward, as
 * in SpikingJelly). Neurons using it output analog values and take the step-by-step path.
 *
 * @param name - A defined surrogate's name that has a primitive.
 * @param alphaOption - Its sharpness; default the surrogate's own.
 * @example
 * ```ts
 * // SpikingJelly: surrogate.Sigmoid(alpha=4.0, spiking=False): outputs sigmoid(4x), not spikes
 * const soft = surrogate.primitiveSpikeFunction('sigmoid', 4);
 * console.log(soft(tensor([0])).dataSync()); // [0.5]
 * ```
 */
export function primitiveSpikeFunction(name: string, alphaOption?: number): SpikeFunction {
  const def = requireSurrogate(name, 'surrogate');
  const alpha = alphaOption ?? def.alpha;
  checkAlpha(name, alpha, def.alphaAbove);
  if (def.primitive === undefined) {
    throw new ArgumentError(`surrogate '${name}' has no primitive, so it cannot run with spiking: false`);
  }
  const fn = (x: Tensor) => surrogatePrimitive(name, x, alpha);
  return Object.assign((x: Tensor, _inclusive?: boolean) => fn(x), {
    surrogate: 'custom' as const,
    alpha,
    derivative: (x: Tensor) => grad(fn)(x),
  });
}

import { DEFAULT_SURROGATE_ALPHA } from '../backends/reference/surrogate-derivatives.js';
import { runKernel } from '../engine/api.js';
import { customGrad } from '../engine/gradients-api.js';
import { ArgumentError } from '../errors.js';
import type { SurrogateName } from '../kernels/kernel-signatures.js';
import { mul, spike, zerosLike } from '../ops/index.js';
import type { Tensor } from '../tensor/tensor.js';
import { surrogateDerivative } from './derivatives.js';

/**
 * A spike function: the Heaviside step forward, a smooth surrogate's derivative backward.
 *
 * `inclusive` picks the threshold convention of the neuron family calling it: false fires on x > 0
 * (Norse's `heaviside`, snnTorch's `(input_ > 0)`), true fires on x >= 0 (SpikingJelly's `heaviside`,
 * `x >= 0`). The neuron functions pass their library's convention; a user rarely sets it.
 */
export interface SpikeFunction {
  (x: Tensor, inclusive?: boolean): Tensor;
  /** The named surrogate (what fused kernels and SpikeGrad take), 'custom', or 'heaviside' (no gradient). */
  readonly surrogate: SurrogateName | 'custom' | 'heaviside';
  /** Its slope/sharpness parameter (1 for straightThrough, custom and heaviside). */
  readonly alpha: number;
  /** surrogate'(x) as a tensor (zeros for heaviside). */
  derivative(x: Tensor): Tensor;
}

function checkAlpha(name: string, alpha: number): void {
  if (typeof alpha !== 'number' || !Number.isFinite(alpha) || alpha <= 0) {
    throw new ArgumentError(`surrogate.${name}: alpha must be a finite number > 0, got ${String(alpha)}`);
  }
}

/**
 * The spike function of a named surrogate: forward Spike kernel, backward the SpikeGrad kernel (native
 * on backends that have it, otherwise core's decomposition in ops/decompositions/SpikeGrad.ts).
 */
export function namedSpikeFunction(
  name: SurrogateName,
  alpha: number = DEFAULT_SURROGATE_ALPHA[name],
): SpikeFunction {
  if (!(name in DEFAULT_SURROGATE_ALPHA)) {
    throw new ArgumentError(
      `unknown surrogate '${String(name)}'; expected one of ${Object.keys(DEFAULT_SURROGATE_ALPHA).join(', ')}`,
    );
  }
  checkAlpha(name, alpha);
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

/** The bare Heaviside step (Norse method 'heaviside'): no gradient flows through it. */
export function heaviside(): SpikeFunction {
  const fn = (x: Tensor, inclusive = false) => spike(x, { inclusive });
  return Object.assign(fn, {
    surrogate: 'heaviside' as const,
    alpha: 1,
    derivative: (x: Tensor) => zerosLike(x),
  });
}

/** True for the spike functions produced by this module (used to validate neuron parameters). */
export function isSpikeFunction(f: unknown): f is SpikeFunction {
  return typeof f === 'function' && 'surrogate' in f && 'derivative' in f;
}

import { ENGINE } from '../engine/engine.js';
import { customGrad } from '../engine/gradients-api.js';
import type { Tensor } from '../tensor/tensor.js';
import type { DType } from '../tensor/tensor-info.js';
import { add, mul, sub } from './binary.js';
import { greater, where } from './compare.js';
import { ensureDType, scoped, type TensorLike, toTensor } from './util.js';

type UnaryKernel = 'Neg' | 'Abs' | 'Exp' | 'Log' | 'Sqrt' | 'Reciprocal' | 'Sign' | 'Floor' | 'Tanh';

function unary(kernel: UnaryKernel, op: string, x: TensorLike): Tensor {
  return scoped(() => {
    const t = ensureDType(toTensor(x, op), 'float32');
    return ENGINE.runKernel(kernel, { x: t }, {});
  });
}

/**
 * -x, elementwise (float32 out). PyTorch: `torch.neg`.
 *
 * @example
 * ```ts
 * const y = neg(tensor([1, -2])); // [-1, 2]
 * ```
 */
export function neg(x: TensorLike): Tensor {
  return unary('Neg', 'neg', x);
}
/**
 * |x|, elementwise; the gradient at 0 is 0, as in PyTorch.
 *
 * @example
 * ```ts
 * const y = abs(tensor([-1.5, 2])); // [1.5, 2]
 * ```
 */
export function abs(x: TensorLike): Tensor {
  return unary('Abs', 'abs', x);
}
/**
 * e^x, elementwise.
 *
 * @example
 * ```ts
 * const beta = exp(tensor([-1e-3 / 20e-3])); // exp(-dt / tau) for dt = 1 ms, tau = 20 ms: ~0.951
 * ```
 */
export function exp(x: TensorLike): Tensor {
  return unary('Exp', 'exp', x);
}
/**
 * Natural logarithm.
 *
 * @example
 * ```ts
 * const y = log(tensor([1, Math.E])); // [0, 1]
 * ```
 */
export function log(x: TensorLike): Tensor {
  return unary('Log', 'log', x);
}
/**
 * Square root, elementwise (NaN below 0).
 *
 * @example
 * ```ts
 * const y = sqrt(tensor([4, 9])); // [2, 3]
 * ```
 */
export function sqrt(x: TensorLike): Tensor {
  return unary('Sqrt', 'sqrt', x);
}
/**
 * 1 / x.
 *
 * @example
 * ```ts
 * const tau = reciprocal(tensor([50, 200])); // [0.02, 0.005]: time constants in s from tauMemInv, tauSynInv in 1/s
 * ```
 */
export function reciprocal(x: TensorLike): Tensor {
  return unary('Reciprocal', 'reciprocal', x);
}
/**
 * -1, 0 or 1 (gradient zero).
 *
 * @example
 * ```ts
 * const y = sign(tensor([-3, 0, 2])); // [-1, 0, 1]
 * ```
 */
export function sign(x: TensorLike): Tensor {
  return unary('Sign', 'sign', x);
}
/**
 * Gradient zero.
 *
 * @example
 * ```ts
 * const y = floor(tensor([1.7, -0.5])); // [1, -1]
 * ```
 */
export function floor(x: TensorLike): Tensor {
  return unary('Floor', 'floor', x);
}
/**
 * Hyperbolic tangent, elementwise.
 *
 * @example
 * ```ts
 * const y = tanh(tensor([0, 1])); // [0, ~0.7616]
 * ```
 */
export function tanh(x: TensorLike): Tensor {
  return unary('Tanh', 'tanh', x);
}
/**
 * x * x, elementwise (gradient 2x).
 *
 * @example
 * ```ts
 * const y = square(tensor([-2, 3])); // [4, 9]
 * ```
 */
export function square(x: TensorLike): Tensor {
  const t = toTensor(x, 'square');
  return mul(t, t);
}

let sigmoidImpl: ((x: Tensor) => Tensor) | undefined;

/**
 * 1 / (1 + exp(-x)), computed without overflow on either side, with the gradient y * (1 - y) (a
 * composition of exp and reciprocal would give NaN gradients where exp overflows).
 *
 * @example
 * ```ts
 * const y = sigmoid(tensor([-1000, 0, 1000])); // [0, 0.5, 1], no overflow
 * ```
 */
export function sigmoid(x: TensorLike): Tensor {
  return scoped(() => {
    sigmoidImpl ??= customGrad((t: Tensor) => {
      // exp(-|x|) never overflows: sigmoid = 1/(1+e) for x > 0 and e/(1+e) otherwise.
      const e = exp(neg(abs(t)));
      const r = reciprocal(add(e, 1));
      const value = where(greater(t, 0), r, mul(e, r));
      return { value, save: [value], gradFunc: (dy, [y]) => [mul(dy, mul(y, sub(1, y)))] };
    }, 'Sigmoid');
    return sigmoidImpl(ensureDType(toTensor(x, 'sigmoid'), 'float32'));
  });
}

/**
 * max(x, 0); the gradient at 0 is 0, as in PyTorch.
 *
 * @example
 * ```ts
 * const y = relu(tensor([-1, 0, 2])); // [0, 0, 2]
 * ```
 */
export function relu(x: TensorLike): Tensor {
  return scoped(() => {
    const t = ensureDType(toTensor(x, 'relu'), 'float32');
    return where(greater(t, 0), t, 0);
  });
}

/**
 * Clamps to [lo, hi]; the gradient passes where lo <= x <= hi, as torch.clamp.
 *
 * @param x - The tensor (or a number).
 * @param lo - The lower bound.
 * @param hi - The upper bound.
 * @example
 * ```ts
 * const p = clip(tensor([-0.2, 0.5, 1.3]), 0, 1); // [0, 0.5, 1]
 * ```
 */
export function clip(x: TensorLike, lo: number, hi: number): Tensor {
  return scoped(() => {
    const t = ensureDType(toTensor(x, 'clip'), 'float32');
    const lower = ENGINE.runKernel('Maximum', { a: t, b: ENGINE.scalarConst(lo, 'float32') }, {});
    return ENGINE.runKernel('Minimum', { a: lower, b: ENGINE.scalarConst(hi, 'float32') }, {});
  });
}

/**
 * Converts dtype: float -> int truncates toward zero; -> bool is x != 0. Gradient only float -> float.
 *
 * @param x - The tensor.
 * @param dtype - 'float32', 'int32' or 'bool'.
 * @example
 * ```ts
 * const x = tensor([1.7, -1.7, 0]);
 * console.log(cast(x, 'int32').dataSync()); // Int32Array [1, -1, 0]
 * console.log(cast(x, 'bool').dataSync()); // Uint8Array [1, 1, 0]
 * ```
 */
export function cast(x: Tensor, dtype: DType): Tensor {
  ENGINE.assertUsable(x, 'cast');
  if (x.dtype === dtype) return x.clone();
  return ENGINE.runKernel('Cast', { x }, { dtype });
}

/**
 * Heaviside spike: 1 where x > 0 (x >= 0 with `inclusive`, SpikingJelly's convention), else 0.
 * Its gradient is zero; surrogate gradients (core's `surrogate/`) replace it for training.
 *
 * @param x - v - vTh.
 * @param options - inclusive: fire on x >= 0 instead of x > 0, default false.
 * @example
 * ```ts
 * const v = tensor([-0.1, 0, 0.3]); // v - vTh
 * console.log(spike(v).dataSync()); // [0, 0, 1] (Norse, snnTorch: v > vTh)
 * console.log(spike(v, { inclusive: true }).dataSync()); // [0, 1, 1] (SpikingJelly: v >= vTh)
 * ```
 */
export function spike(x: TensorLike, options: { inclusive?: boolean } = {}): Tensor {
  return scoped(() => {
    const t = ensureDType(toTensor(x, 'spike'), 'float32');
    return ENGINE.runKernel('Spike', { x: t }, { inclusive: options.inclusive ?? false });
  });
}

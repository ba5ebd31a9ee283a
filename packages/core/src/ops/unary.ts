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

/** -x, elementwise (float32 out). PyTorch: `torch.neg`. */
export function neg(x: TensorLike): Tensor {
  return unary('Neg', 'neg', x);
}
/** |x|, elementwise; the gradient at 0 is 0, as in PyTorch. */
export function abs(x: TensorLike): Tensor {
  return unary('Abs', 'abs', x);
}
/** e^x, elementwise. */
export function exp(x: TensorLike): Tensor {
  return unary('Exp', 'exp', x);
}
/** Natural logarithm. */
export function log(x: TensorLike): Tensor {
  return unary('Log', 'log', x);
}
/** Square root, elementwise (NaN below 0). */
export function sqrt(x: TensorLike): Tensor {
  return unary('Sqrt', 'sqrt', x);
}
/** 1 / x. */
export function reciprocal(x: TensorLike): Tensor {
  return unary('Reciprocal', 'reciprocal', x);
}
/** -1, 0 or 1 (gradient zero). */
export function sign(x: TensorLike): Tensor {
  return unary('Sign', 'sign', x);
}
/** Gradient zero. */
export function floor(x: TensorLike): Tensor {
  return unary('Floor', 'floor', x);
}
/** Hyperbolic tangent, elementwise. */
export function tanh(x: TensorLike): Tensor {
  return unary('Tanh', 'tanh', x);
}
/** x * x, elementwise (gradient 2x). */
export function square(x: TensorLike): Tensor {
  const t = toTensor(x, 'square');
  return mul(t, t);
}

let sigmoidImpl: ((x: Tensor) => Tensor) | undefined;

/**
 * 1 / (1 + exp(-x)), computed without overflow on either side, with the gradient y * (1 - y) (a
 * composition of exp and reciprocal would give NaN gradients where exp overflows).
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

/** max(x, 0); the gradient at 0 is 0, as in PyTorch. */
export function relu(x: TensorLike): Tensor {
  return scoped(() => {
    const t = ensureDType(toTensor(x, 'relu'), 'float32');
    return where(greater(t, 0), t, 0);
  });
}

/** Clamps to [lo, hi]; the gradient passes where lo <= x <= hi, as torch.clamp. */
export function clip(x: TensorLike, lo: number, hi: number): Tensor {
  return scoped(() => {
    const t = ensureDType(toTensor(x, 'clip'), 'float32');
    const lower = ENGINE.runKernel('Maximum', { a: t, b: ENGINE.scalarConst(lo, 'float32') }, {});
    return ENGINE.runKernel('Minimum', { a: lower, b: ENGINE.scalarConst(hi, 'float32') }, {});
  });
}

/** Converts dtype: float -> int truncates toward zero; -> bool is x != 0. Gradient only float -> float. */
export function cast(x: Tensor, dtype: DType): Tensor {
  ENGINE.assertUsable(x, 'cast');
  if (x.dtype === dtype) return x.clone();
  return ENGINE.runKernel('Cast', { x }, { dtype });
}

/**
 * Heaviside spike: 1 where x > 0 (x >= 0 with `inclusive`, SpikingJelly's convention), else 0.
 * Its gradient is zero; surrogate gradients (core's `surrogate/`) replace it for training.
 */
export function spike(x: TensorLike, options: { inclusive?: boolean } = {}): Tensor {
  return scoped(() => {
    const t = ensureDType(toTensor(x, 'spike'), 'float32');
    return ENGINE.runKernel('Spike', { x: t }, { inclusive: options.inclusive ?? false });
  });
}

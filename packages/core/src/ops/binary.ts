import { ENGINE } from '../engine/engine.js';
import { broadcastShapes } from '../kernels/shape-utils.js';
import type { Tensor } from '../tensor/tensor.js';
import { operands, scoped, type TensorLike } from './util.js';

type ArithKernel = 'Add' | 'Sub' | 'Mul' | 'Div' | 'Pow' | 'Maximum' | 'Minimum';

function binary(kernel: ArithKernel, op: string, a: TensorLike, b: TensorLike, float = false): Tensor {
  return scoped(() => {
    const [ta, tb] = operands(a, b, op, true);
    broadcastShapes(ta.shape, tb.shape, op);
    if (float && ta.dtype !== 'float32') {
      // Integer operands compute in float32, as PyTorch's true division.
      return ENGINE.runKernel(
        kernel,
        {
          a: ENGINE.runKernel('Cast', { x: ta }, { dtype: 'float32' }),
          b: ENGINE.runKernel('Cast', { x: tb }, { dtype: 'float32' }),
        },
        {},
      );
    }
    return ENGINE.runKernel(kernel, { a: ta, b: tb }, {});
  });
}

/**
 * a + b, NumPy broadcasting.
 *
 * @example
 * ```ts
 * const x = tensor([[1, 2], [3, 4]]);
 * const y = add(x, tensor([10, 20])); // broadcast over rows: [[11, 22], [13, 24]]
 * const z = add(x, 1); // a number is a scalar: [[2, 3], [4, 5]]
 * ```
 */
export function add(a: TensorLike, b: TensorLike): Tensor {
  return binary('Add', 'add', a, b);
}
/**
 * a - b.
 *
 * @example
 * ```ts
 * const v = tensor([0.2, 1.3]);
 * const dv = sub(v, 1); // [-0.8, 0.3]
 * ```
 */
export function sub(a: TensorLike, b: TensorLike): Tensor {
  return binary('Sub', 'sub', a, b);
}
/**
 * a * b.
 *
 * @example
 * ```ts
 * const v = tensor([1, 2]);
 * const decayed = mul(v, 0.9); // [0.9, 1.8]
 * ```
 */
export function mul(a: TensorLike, b: TensorLike): Tensor {
  return binary('Mul', 'mul', a, b);
}
/**
 * a / b (true division: integer operands compute in float32, as PyTorch).
 *
 * @example
 * ```ts
 * const counts = tensor(new Int32Array([3, 5]));
 * const rates = div(counts, 10); // float32 [0.3, 0.5]
 * ```
 */
export function div(a: TensorLike, b: TensorLike): Tensor {
  return binary('Div', 'div', a, b, true);
}
/**
 * a ** b.
 *
 * @example
 * ```ts
 * const y = pow(tensor([1, 2, 3]), 2); // [1, 4, 9]
 * ```
 */
export function pow(a: TensorLike, b: TensorLike): Tensor {
  return binary('Pow', 'pow', a, b, true);
}
/**
 * Elementwise maximum (gradient goes to `a` on ties).
 *
 * @example
 * ```ts
 * const y = maximum(tensor([-1, 0.5, 2]), 0); // [0, 0.5, 2]
 * ```
 */
export function maximum(a: TensorLike, b: TensorLike): Tensor {
  return binary('Maximum', 'maximum', a, b);
}
/**
 * Elementwise minimum (gradient goes to `a` on ties).
 *
 * @example
 * ```ts
 * const y = minimum(tensor([-1, 0.5, 2]), 1); // [-1, 0.5, 1]
 * ```
 */
export function minimum(a: TensorLike, b: TensorLike): Tensor {
  return binary('Minimum', 'minimum', a, b);
}

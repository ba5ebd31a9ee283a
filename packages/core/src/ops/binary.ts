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

/** a + b, NumPy broadcasting. */
export function add(a: TensorLike, b: TensorLike): Tensor {
  return binary('Add', 'add', a, b);
}
/** a - b. */
export function sub(a: TensorLike, b: TensorLike): Tensor {
  return binary('Sub', 'sub', a, b);
}
/** a * b. */
export function mul(a: TensorLike, b: TensorLike): Tensor {
  return binary('Mul', 'mul', a, b);
}
/** a / b (true division: integer operands compute in float32, as PyTorch). */
export function div(a: TensorLike, b: TensorLike): Tensor {
  return binary('Div', 'div', a, b, true);
}
/** a ** b. */
export function pow(a: TensorLike, b: TensorLike): Tensor {
  return binary('Pow', 'pow', a, b, true);
}
/** Elementwise maximum (gradient goes to `a` on ties). */
export function maximum(a: TensorLike, b: TensorLike): Tensor {
  return binary('Maximum', 'maximum', a, b);
}
/** Elementwise minimum (gradient goes to `a` on ties). */
export function minimum(a: TensorLike, b: TensorLike): Tensor {
  return binary('Minimum', 'minimum', a, b);
}

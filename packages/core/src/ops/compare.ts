import { ENGINE } from '../engine/engine.js';
import { broadcastShapes } from '../kernels/shape-utils.js';
import type { Tensor } from '../tensor/tensor.js';
import { ensureDType, operands, scoped, type TensorLike, toTensor } from './util.js';

type CompareKernel = 'Equal' | 'NotEqual' | 'Greater' | 'GreaterEqual' | 'Less' | 'LessEqual';

function compare(kernel: CompareKernel, op: string, a: TensorLike, b: TensorLike): Tensor {
  return scoped(() => {
    const [ta, tb] = operands(a, b, op, false);
    broadcastShapes(ta.shape, tb.shape, op);
    return ENGINE.runKernel(kernel, { a: ta, b: tb }, {});
  });
}

/** a == b, elementwise, 'bool' out. Not differentiable. */
export function equal(a: TensorLike, b: TensorLike): Tensor {
  return compare('Equal', 'equal', a, b);
}
/** a != b, elementwise with broadcasting, 'bool' out. Not differentiable. */
export function notEqual(a: TensorLike, b: TensorLike): Tensor {
  return compare('NotEqual', 'notEqual', a, b);
}
/** a > b, elementwise with broadcasting, 'bool' out. Not differentiable. */
export function greater(a: TensorLike, b: TensorLike): Tensor {
  return compare('Greater', 'greater', a, b);
}
/** a >= b, elementwise with broadcasting, 'bool' out. Not differentiable. */
export function greaterEqual(a: TensorLike, b: TensorLike): Tensor {
  return compare('GreaterEqual', 'greaterEqual', a, b);
}
/** a < b, elementwise with broadcasting, 'bool' out. Not differentiable. */
export function less(a: TensorLike, b: TensorLike): Tensor {
  return compare('Less', 'less', a, b);
}
/** a <= b, elementwise with broadcasting, 'bool' out. Not differentiable. */
export function lessEqual(a: TensorLike, b: TensorLike): Tensor {
  return compare('LessEqual', 'lessEqual', a, b);
}

/** a && b (operands are cast to 'bool'). */
export function logicalAnd(a: TensorLike, b: TensorLike): Tensor {
  return scoped(() => {
    const ta = ensureDType(toTensor(a, 'logicalAnd', 'bool'), 'bool');
    const tb = ensureDType(toTensor(b, 'logicalAnd', 'bool'), 'bool');
    broadcastShapes(ta.shape, tb.shape, 'logicalAnd');
    return ENGINE.runKernel('LogicalAnd', { a: ta, b: tb }, {});
  });
}

/** condition ? a : b, elementwise; all three broadcast together. */
export function where(condition: TensorLike, a: TensorLike, b: TensorLike): Tensor {
  return scoped(() => {
    const c = ensureDType(toTensor(condition, 'where', 'bool'), 'bool');
    const [ta, tb] = operands(a, b, 'where', false);
    broadcastShapes(broadcastShapes(c.shape, ta.shape, 'where'), tb.shape, 'where');
    return ENGINE.runKernel('Where', { condition: c, a: ta, b: tb }, {});
  });
}

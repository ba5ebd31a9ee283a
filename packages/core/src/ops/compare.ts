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

/**
 * a == b, elementwise, 'bool' out. Not differentiable.
 *
 * @example
 * ```ts
 * const hits = equal(argMax(tensor([[0.1, 0.9], [0.8, 0.2]])), tensor(new Int32Array([1, 1]))); // [true, false]
 * ```
 */
export function equal(a: TensorLike, b: TensorLike): Tensor {
  return compare('Equal', 'equal', a, b);
}
/**
 * a != b, elementwise with broadcasting, 'bool' out. Not differentiable.
 *
 * @example
 * ```ts
 * const changed = notEqual(tensor([0, 1, 1]), tensor([0, 0, 1])); // [false, true, false]
 * ```
 */
export function notEqual(a: TensorLike, b: TensorLike): Tensor {
  return compare('NotEqual', 'notEqual', a, b);
}
/**
 * a > b, elementwise with broadcasting, 'bool' out. Not differentiable.
 *
 * @example
 * ```ts
 * const spiked = greater(tensor([0.2, 1.5]), 1); // [false, true] (Norse's v > v_th)
 * ```
 */
export function greater(a: TensorLike, b: TensorLike): Tensor {
  return compare('Greater', 'greater', a, b);
}
/**
 * a >= b, elementwise with broadcasting, 'bool' out. Not differentiable.
 *
 * @example
 * ```ts
 * const spiked = greaterEqual(tensor([1, 0.5]), 1); // [true, false] (SpikingJelly's v >= v_th)
 * ```
 */
export function greaterEqual(a: TensorLike, b: TensorLike): Tensor {
  return compare('GreaterEqual', 'greaterEqual', a, b);
}
/**
 * a < b, elementwise with broadcasting, 'bool' out. Not differentiable.
 *
 * @example
 * ```ts
 * const u = randomUniform([4], { seed: 0 });
 * const fired = cast(less(u, 0.3), 'float32'); // 1 with probability 0.3 (randomBernoulli in one kernel)
 * ```
 */
export function less(a: TensorLike, b: TensorLike): Tensor {
  return compare('Less', 'less', a, b);
}
/**
 * a <= b, elementwise with broadcasting, 'bool' out. Not differentiable.
 *
 * @example
 * ```ts
 * const inRange = lessEqual(tensor([0.5, 2]), 1); // [true, false]
 * ```
 */
export function lessEqual(a: TensorLike, b: TensorLike): Tensor {
  return compare('LessEqual', 'lessEqual', a, b);
}

/**
 * a && b (operands are cast to 'bool').
 *
 * @example
 * ```ts
 * const x = tensor([-1, 0.5, 2]);
 * const inside = logicalAnd(greater(x, 0), less(x, 1)); // [false, true, false]
 * ```
 */
export function logicalAnd(a: TensorLike, b: TensorLike): Tensor {
  return scoped(() => {
    const ta = ensureDType(toTensor(a, 'logicalAnd', 'bool'), 'bool');
    const tb = ensureDType(toTensor(b, 'logicalAnd', 'bool'), 'bool');
    broadcastShapes(ta.shape, tb.shape, 'logicalAnd');
    return ENGINE.runKernel('LogicalAnd', { a: ta, b: tb }, {});
  });
}

/**
 * condition ? a : b, elementwise; all three broadcast together.
 *
 * @example
 * ```ts
 * const v = tensor([0.3, 1.2]);
 * const reset = where(greater(v, 1), 0, v); // [0.3, 0]: a hard reset to 0 where v > 1
 * ```
 */
export function where(condition: TensorLike, a: TensorLike, b: TensorLike): Tensor {
  return scoped(() => {
    const c = ensureDType(toTensor(condition, 'where', 'bool'), 'bool');
    const [ta, tb] = operands(a, b, 'where', false);
    broadcastShapes(broadcastShapes(c.shape, ta.shape, 'where'), tb.shape, 'where');
    return ENGINE.runKernel('Where', { condition: c, a: ta, b: tb }, {});
  });
}

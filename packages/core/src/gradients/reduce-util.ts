import { ENGINE } from '../engine/engine.js';
import { shapesEqual } from '../kernels/shape-utils.js';
import type { Tensor } from '../tensor/tensor.js';

/**
 * Sums a gradient over the dimensions its input was broadcast along, so it has the input's shape
 * (NumPy broadcasting in reverse).
 *
 * @param g - The gradient, of the broadcast output's shape.
 * @param shape - The input's shape.
 * @example
 * ```ts
 * // In a gradient rule: the gradient of add(a [3], b [2, 3]) with respect to a
 * const dy = ones([2, 3]);
 * console.log(sumToShape(dy, [3]).dataSync()); // [2, 2, 2]
 * ```
 */
export function sumToShape(g: Tensor, shape: readonly number[]): Tensor {
  if (shapesEqual(g.shape, shape)) return g;
  const lead = g.rank - shape.length;
  const axes: number[] = [];
  for (let d = 0; d < g.rank; d++) {
    if (d < lead || (shape[d - lead] === 1 && g.shape[d] !== 1)) axes.push(d);
  }
  const s = axes.length === 0 ? g : ENGINE.runKernel('Sum', { x: g }, { axes, keepDims: false });
  return s.reshape(shape);
}

/** The shape of a reduction's output with keepDims, from the input shape and the reduced axes. */
export function keepDimsShape(shape: readonly number[], axes: readonly number[]): number[] {
  return shape.map((d, i) => (axes.includes(i) ? 1 : d));
}

/** Zeros of a tensor's shape (float32): the gradient of a step function. */
export function zerosOf(t: Tensor): Tensor {
  return ENGINE.makeTensor(new Float32Array(t.size), t.shape, 'float32');
}

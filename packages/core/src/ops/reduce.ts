import { ENGINE } from '../engine/engine.js';
import type { Tensor } from '../tensor/tensor.js';
import { div } from './binary.js';
import { neg } from './unary.js';
import { ensureDType, normAxes, normAxis, scoped, toTensor } from './util.js';

function reduceInput(x: Tensor, op: string): Tensor {
  const t = toTensor(x, op);
  // Sums of bool count (int32), as PyTorch.
  return t.dtype === 'bool' ? ensureDType(t, 'int32') : t;
}

/**
 * Sum over `axes` (all by default).
 *
 * @param x - The tensor (bool sums count, as int32).
 * @param axes - The dimensions reduced; default all.
 * @param keepDims - Keep them as size 1, default false.
 * @example
 * ```ts
 * const x = tensor([[1, 2], [3, 4]]);
 * console.log(sum(x).item(), sum(x, 0).dataSync(), sum(x, 1, true).shape); // 10 [4, 6] [2, 1]
 * ```
 */
export function sum(x: Tensor, axes?: number | readonly number[], keepDims = false): Tensor {
  return scoped(() => {
    const t = reduceInput(x, 'sum');
    const ax = normAxes(axes, t.rank, 'sum');
    if (ax.length === 0) return t.clone();
    return ENGINE.runKernel('Sum', { x: t }, { axes: ax, keepDims });
  });
}

/**
 * Mean over `axes` (all by default); float32.
 *
 * @param x - The tensor.
 * @param axes - The dimensions averaged; default all.
 * @param keepDims - Keep them as size 1, default false.
 * @example
 * ```ts
 * const spikes = tensor([[1, 0, 1, 1], [0, 0, 1, 0]]); // [neurons 2, T 4]
 * const rates = mean(spikes, 1); // [0.75, 0.25] spikes per step
 * ```
 */
export function mean(x: Tensor, axes?: number | readonly number[], keepDims = false): Tensor {
  return scoped(() => {
    const t = ensureDType(toTensor(x, 'mean'), 'float32');
    const ax = normAxes(axes, t.rank, 'mean');
    let count = 1;
    for (const a of ax) count *= t.shape[a];
    return div(sum(t, ax, keepDims), count);
  });
}

/**
 * Maximum over `axes` (all by default). The gradient is shared equally among tied maxima.
 *
 * @param x - The tensor.
 * @param axes - The dimensions reduced; default all.
 * @param keepDims - Keep them as size 1, default false.
 * @example
 * ```ts
 * const x = tensor([[1, 5], [3, 2]]);
 * console.log(max(x).item(), max(x, 1).dataSync()); // 5 [5, 3]
 * ```
 */
export function max(x: Tensor, axes?: number | readonly number[], keepDims = false): Tensor {
  return scoped(() => {
    const t = reduceInput(x, 'max');
    const ax = normAxes(axes, t.rank, 'max');
    if (ax.length === 0) return t.clone();
    return ENGINE.runKernel('Max', { x: t }, { axes: ax, keepDims });
  });
}

/**
 * Minimum over `axes` (all by default).
 *
 * @param x - The tensor.
 * @param axes - The dimensions reduced; default all.
 * @param keepDims - Keep them as size 1, default false.
 * @example
 * ```ts
 * const x = tensor([[1, 5], [3, 2]]);
 * console.log(min(x).item(), min(x, 0).dataSync()); // 1 [1, 2]
 * ```
 */
export function min(x: Tensor, axes?: number | readonly number[], keepDims = false): Tensor {
  return scoped(() => {
    const t = ensureDType(toTensor(x, 'min'), 'float32');
    return neg(max(neg(t), axes, keepDims));
  });
}

/**
 * Index of the first maximum along `axis` (int32; the axis is removed). Not differentiable.
 *
 * @param x - The tensor.
 * @param axis - The dimension searched (and removed), default -1 (the last).
 * @example
 * ```ts
 * const logits = tensor([[0.1, 2, 0.3], [1, 0, 0]]);
 * console.log(argMax(logits).dataSync()); // Int32Array [1, 0]: the predicted classes
 * ```
 */
export function argMax(x: Tensor, axis = -1): Tensor {
  return scoped(() => {
    const t = reduceInput(x, 'argMax');
    return ENGINE.runKernel('ArgMax', { x: t }, { axis: normAxis(axis, t.rank, 'argMax') });
  });
}

import { reduceShape, sizeFromShape, stridesFromShape } from '../../kernels/shape-utils.js';
import type { DType, TensorInfo } from '../../tensor/tensor-info.js';
import { stridedOffsets } from './indexing.js';
import { allocate, type ReferenceStore } from './store.js';

/**
 * Folds every element of x into its output slot: out[o] = combine(out[o], x[i]), out starting at
 * `init`. The output index of input element i comes from strides that are 0 along reduced axes.
 * Accumulates in float64 and rounds once at the end.
 */
export function reduce(
  store: ReferenceStore,
  x: TensorInfo,
  axes: readonly number[],
  keepDims: boolean,
  outDtype: DType,
  init: number,
  combine: (acc: number, v: number) => number,
): TensorInfo {
  const xv = store.get(x);
  const kept = reduceShape(x.shape, axes, true);
  const keptStrides = stridesFromShape(kept).map((s, d) => (axes.includes(d) ? 0 : s));
  const outIndex = stridedOffsets(x.shape, keptStrides);
  const acc = new Float64Array(sizeFromShape(kept)).fill(init);
  for (let i = 0; i < xv.length; i++) acc[outIndex[i]] = combine(acc[outIndex[i]], xv[i]);
  const out = allocate(outDtype, acc.length);
  for (let i = 0; i < acc.length; i++) out[i] = acc[i];
  return store.output(out, reduceShape(x.shape, axes, keepDims), outDtype);
}

import { broadcastShapes, shapesEqual, sizeFromShape } from '../../kernels/shape-utils.js';
import type { DType, TensorInfo } from '../../tensor/tensor-info.js';
import { broadcastOffsets } from './indexing.js';
import { allocate, type ReferenceStore } from './store.js';

/*
 * The broadcasting elementwise machinery behind every binary, comparison and unary reference kernel.
 * Inputs were validated by core (kernels/validate.ts) before any kernel runs.
 * Values are computed in float64 JavaScript numbers and rounded once when stored into the output's
 * typed array (so float32 results are correctly rounded, int32 results wrap like C).
 */

export type BinaryFn = (a: number, b: number) => number;

/** out = fn(a, b) with NumPy broadcasting; the output typed array is of `outDtype`. */
export function broadcastBinary(
  store: ReferenceStore,
  a: TensorInfo,
  b: TensorInfo,
  outDtype: DType,
  fn: BinaryFn,
): TensorInfo {
  const av = store.get(a);
  const bv = store.get(b);
  const shape = broadcastShapes(a.shape, b.shape);
  const size = sizeFromShape(shape);
  const out = allocate(outDtype, size);
  if (shapesEqual(a.shape, shape) && shapesEqual(b.shape, shape)) {
    for (let i = 0; i < size; i++) out[i] = fn(av[i], bv[i]);
  } else {
    const ai = broadcastOffsets(a.shape, shape);
    const bi = broadcastOffsets(b.shape, shape);
    for (let i = 0; i < size; i++) out[i] = fn(av[ai[i]], bv[bi[i]]);
  }
  return store.output(out, shape, outDtype);
}

/** Arithmetic: a and b share a numeric dtype, which the output keeps. */
export function arithmetic(
  store: ReferenceStore,
  inputs: { readonly a: TensorInfo; readonly b: TensorInfo },
  floatFn: BinaryFn,
  intFn: BinaryFn = floatFn,
): TensorInfo {
  const { a, b } = inputs;
  return broadcastBinary(store, a, b, a.dtype, a.dtype === 'int32' ? intFn : floatFn);
}

/** Comparison: a and b share a dtype, bool (0/1) output. */
export function comparison(
  store: ReferenceStore,
  inputs: { readonly a: TensorInfo; readonly b: TensorInfo },
  test: (a: number, b: number) => boolean,
): TensorInfo {
  return broadcastBinary(store, inputs.a, inputs.b, 'bool', (x, y) => (test(x, y) ? 1 : 0));
}

/** Unary float32 math: float32 in, float32 out. */
export function unaryFloat(store: ReferenceStore, x: TensorInfo, fn: (x: number) => number): TensorInfo {
  const xv = store.getFloat(x);
  const out = new Float32Array(xv.length);
  for (let i = 0; i < xv.length; i++) out[i] = fn(xv[i]);
  return store.output(out, x.shape, 'float32');
}

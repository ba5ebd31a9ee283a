import * as tf from '@tensorflow/tfjs-core';

/*
 * tfjs-wasm 4.22's Slice reads its WHOLE input back from the wasm heap before copying the slice out
 * (`backend.readSync(x)`), so a slice costs O(input), not O(output): one [256, 100] step of a
 * [32, 256, 100] sequence takes about 1.9 ms, and unstacking the sequence about 30 ms (bench). For a
 * contiguous slice (row-major: leading dims of size 1, one partial dim, then full dims) the values
 * are one run of the input's memory, so we copy just that run out of the heap (BackendWasm's public
 * typedArrayFromHeap gives a view) and upload it: O(output). Other slices, and other backends (tfjs-cpu
 * slices contiguous runs without copying the input), use tf.slice.
 */

type HeapBackend = {
  typedArrayFromHeap?(t: tf.TensorInfo): ArrayLike<number> & { slice(a: number, b: number): tf.TypedArray };
};

function heapBackend(): HeapBackend | undefined {
  const backend = tf.backend() as unknown as HeapBackend;
  return typeof backend.typedArrayFromHeap === 'function' ? backend : undefined;
}

function flatOffset(shape: readonly number[], begin: readonly number[]): number {
  let offset = 0;
  let stride = 1;
  for (let d = shape.length - 1; d >= 0; d--) {
    offset += begin[d] * stride;
    stride *= shape[d];
  }
  return offset;
}

/** x[begin : begin + size] along every axis. */
export function sliceFast(x: tf.Tensor, begin: readonly number[], size: readonly number[]): tf.Tensor {
  const heap = heapBackend();
  if (heap === undefined || !tf.slice_util.isSliceContinous(x.shape, begin.slice(), size.slice())) {
    return tf.slice(x, begin.slice(), size.slice());
  }
  const start = flatOffset(x.shape, begin);
  const count = size.reduce((a, b) => a * b, 1);
  // Copy to JS before tf.tensor allocates: a heap growth would detach the view.
  const values = heap.typedArrayFromHeap?.(x).slice(start, start + count);
  return tf.tensor(values as tf.TypedArray, size.slice(), x.dtype);
}

/** The T slices x[t] of x [T, ...n], each [...n] (tf.unstack, O(output) on wasm). */
export function unstackFast(x: tf.Tensor): tf.Tensor[] {
  const [steps, ...rest] = x.shape;
  if (heapBackend() === undefined) return tf.unstack(x, 0);
  const out: tf.Tensor[] = [];
  for (let t = 0; t < steps; t++) {
    out.push(tf.reshape(sliceFast(x, [t, ...rest.map(() => 0)], [1, ...rest]), rest));
  }
  return out;
}

import type { BackendValues, DType } from '@snn/core';
import type { WasmRuntime } from '../runtime/runtime.js';
import type { WasmData } from '../wasm-data.js';

/*
 * JavaScript loops over wasm memory for the cases no hot path needs in C: int32 and bool arithmetic,
 * comparisons and reductions, Pow, Cast, OneHot. Values are computed as JavaScript numbers and
 * rounded by the typed array they are stored into, exactly as the reference backend.
 */

/** A typed view of a data block, of its dtype's kind. Take it after allocating outputs. */
export function view(rt: WasmRuntime, d: WasmData): BackendValues {
  switch (d.dtype) {
    case 'float32':
      return rt.f32.subarray(d.ptr >>> 2, (d.ptr >>> 2) + d.size);
    case 'int32':
      return rt.i32.subarray(d.ptr >>> 2, (d.ptr >>> 2) + d.size);
    default:
      return rt.u8.subarray(d.ptr, d.ptr + d.size);
  }
}

/** Flat input offsets for every output element of a broadcast (small host kernels only). */
export function broadcastOffsets(strides: readonly number[], outShape: readonly number[]): Int32Array {
  const size = outShape.reduce((a, b) => a * b, 1);
  const out = new Int32Array(size);
  const rank = outShape.length;
  const coord = new Array<number>(rank).fill(0);
  let off = 0;
  for (let i = 0; i < size; i++) {
    out[i] = off;
    for (let d = rank - 1; d >= 0; d--) {
      coord[d]++;
      off += strides[d];
      if (coord[d] < outShape[d]) break;
      off -= coord[d] * strides[d];
      coord[d] = 0;
    }
  }
  return out;
}

export const isFloatKind = (dtype: DType) => dtype === 'float32';

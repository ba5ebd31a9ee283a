import { BYTES, type WasmData } from '../wasm-data.js';
import type { WasmKernelContext } from './kernel.js';
import { ndParams } from './nd-plan.js';

/**
 * dst[dstOffset + sum(i_d * dstStrides[d])] = src[srcOffset + sum(i_d * srcStrides[d])] over every
 * index i of `shape` (offsets and strides in elements). Transposes that collapse to a plain (batched)
 * 2-D transpose take the cache-blocked kernel.
 */
export function stridedCopy(
  ctx: WasmKernelContext,
  src: WasmData,
  srcOffset: number,
  srcStrides: readonly number[],
  dst: WasmData,
  dstOffset: number,
  dstStrides: readonly number[],
  shape: readonly number[],
): void {
  const size = shape.reduce((a, b) => a * b, 1);
  if (size === 0) return;
  const bytes = BYTES[src.dtype];
  const p = ndParams(shape, [srcStrides, dstStrides]);
  const s = src.ptr + srcOffset * bytes;
  const d = dst.ptr + dstOffset * bytes;
  if (bytes === 4) {
    const rank = p[0];
    // [C, R] read from a contiguous [R, C] (dst contiguous): a 2-D transpose, maybe batched.
    if (rank === 2 && p[3] === 1 && p[4] === p[1] && p[5] === p[2] && p[6] === 1) {
      ctx.rt.call('snn_transpose2d_32', size, s, d, 1, p[2], p[1]);
      return;
    }
    if (
      rank === 3 &&
      p[5] === 1 &&
      p[6] === p[2] &&
      p[4] === p[2] * p[3] &&
      p[9] === 1 &&
      p[8] === p[3] &&
      p[7] === p[2] * p[3]
    ) {
      ctx.rt.call('snn_transpose2d_32', size, s, d, p[1], p[3], p[2]);
      return;
    }
  }
  const nd = ctx.rt.writeParams(p);
  ctx.rt.call(bytes === 4 ? 'snn_copy_32' : 'snn_copy_8', size, s, d, nd);
}

/** Fills a whole block with `value` (as its dtype). */
export function fill(ctx: WasmKernelContext, dst: WasmData, value: number): void {
  if (dst.size === 0) return;
  if (dst.dtype === 'bool') {
    ctx.rt.call('snn_fill_8', dst.size, dst.ptr, dst.size, value !== 0 ? 1 : 0);
    return;
  }
  const bits =
    dst.dtype === 'float32'
      ? new Uint32Array(Float32Array.of(value).buffer)[0]
      : new Uint32Array(Int32Array.of(value).buffer)[0];
  ctx.rt.call('snn_fill_32', dst.size, dst.ptr, dst.size, bits);
}

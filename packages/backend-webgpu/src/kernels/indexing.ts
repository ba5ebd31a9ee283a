import { ArgumentError, formatShape, stridesFromShape } from '@snn/core';
import { MAX_RANK } from '../program.js';

/** Strides (in elements) of `inShape` read at the coordinates of `outShape` under NumPy broadcasting. */
export function broadcastStrides(inShape: readonly number[], outShape: readonly number[]): number[] {
  const strides = stridesFromShape(inShape);
  const off = outShape.length - inShape.length;
  return outShape.map((_, d) => {
    const id = d - off;
    return id < 0 || inShape[id] === 1 ? 0 : strides[id];
  });
}

export function checkRank(op: string, shape: readonly number[]): void {
  if (shape.length > MAX_RANK) {
    throw new ArgumentError(
      `${op}: the WebGPU backend handles rank up to ${MAX_RANK}, got ${formatShape(shape)}`,
    );
  }
}

/**
 * WGSL: the offset of element `idx` of the `rank`-D shape at uniform words [shapeBase, +rank) in a
 * tensor whose per-dimension strides are at words [strideBase, +rank).
 */
export const STRIDED_OFFSET_WGSL = `
fn strided_offset(idx: u32, rank: u32, shapeBase: u32, strideBase: u32) -> u32 {
  var rem = idx;
  var off = 0u;
  for (var k = 0u; k < rank; k++) {
    let d = rank - 1u - k;
    let dim = pu(shapeBase + d);
    off += (rem % dim) * pu(strideBase + d);
    rem = rem / dim;
  }
  return off;
}`;

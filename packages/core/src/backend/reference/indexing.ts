import { sizeFromShape, stridesFromShape } from '../../kernels/shape-utils.js';

/*
 * Index helpers shared by the reference kernels. Every movement, broadcast and reduction kernel is
 * "output element i reads input element offsets[i]" (or the reverse for scatters), with a stride of 0
 * along broadcast or reduced axes; computing the offsets once with an odometer keeps each kernel a
 * plain loop.
 */

/**
 * offsets[i] = sum_d coord_d(i) * strides[d] + base, for i over the row-major elements of `shape`.
 */
export function stridedOffsets(shape: readonly number[], strides: readonly number[], base = 0): Int32Array {
  const size = sizeFromShape(shape);
  const out = new Int32Array(size);
  const rank = shape.length;
  const coord = new Array<number>(rank).fill(0);
  let offset = base;
  for (let i = 0; i < size; i++) {
    out[i] = offset;
    for (let d = rank - 1; d >= 0; d--) {
      coord[d]++;
      offset += strides[d];
      if (coord[d] < shape[d]) break;
      offset -= strides[d] * shape[d];
      coord[d] = 0;
    }
  }
  return out;
}

/**
 * Strides for reading an input of `inShape` broadcast (NumPy rules) to `outShape`: the input's own
 * strides, aligned right, with 0 along axes where the input has size 1 or is missing.
 */
export function broadcastStrides(inShape: readonly number[], outShape: readonly number[]): number[] {
  const own = stridesFromShape(inShape);
  const offset = outShape.length - inShape.length;
  return outShape.map((_, d) => {
    const id = d - offset;
    return id < 0 || inShape[id] === 1 ? 0 : own[id];
  });
}

/** Offsets into an input of `inShape` for each element of `outShape` it broadcasts to. */
export function broadcastOffsets(inShape: readonly number[], outShape: readonly number[]): Int32Array {
  return stridedOffsets(outShape, broadcastStrides(inShape, outShape));
}

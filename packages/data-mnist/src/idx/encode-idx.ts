import { dtypeCode, type IdxDType, type IdxTypedArray } from './idx-dtypes.js';

const BYTES: Record<IdxDType, number> = { uint8: 1, int8: 1, int16: 2, int32: 4, float32: 4, float64: 8 };

/**
 * Write an IDX file (big-endian). The inverse of `parseIdx`; used to build fixtures and to save
 * derived data sets in the format every MNIST tool reads.
 *
 * @param dtype - The element type ('uint8' for images and labels).
 * @param shape - The dimensions, e.g. [N, 28, 28] for images (1 to 255 of them).
 * @param data - prod(shape) values, row-major.
 * @example
 * ```ts
 * const labels = encodeIdx('uint8', [4], [7, 2, 1, 0]); // 8-byte header + 4 bytes
 * await writeFile('my-labels-idx1-ubyte', labels);
 * console.log(parseIdx(labels).shape); // [4]
 * ```
 */
export function encodeIdx(dtype: IdxDType, shape: readonly number[], data: ArrayLike<number>): Uint8Array {
  const count = shape.reduce((a, b) => a * b, 1);
  if (data.length !== count) {
    throw new RangeError(`encodeIdx: shape [${shape.join(', ')}] needs ${count} values, got ${data.length}`);
  }
  if (shape.length < 1 || shape.length > 255) throw new RangeError('encodeIdx: 1 to 255 dimensions');
  const header = 4 + 4 * shape.length;
  const out = new Uint8Array(header + count * BYTES[dtype]);
  const view = new DataView(out.buffer);
  out[2] = dtypeCode(dtype);
  out[3] = shape.length;
  for (let d = 0; d < shape.length; d++) view.setUint32(4 + 4 * d, shape[d]);
  for (let i = 0; i < count; i++) {
    const v = data[i];
    const o = header + i * BYTES[dtype];
    switch (dtype) {
      case 'uint8':
        view.setUint8(o, v);
        break;
      case 'int8':
        view.setInt8(o, v);
        break;
      case 'int16':
        view.setInt16(o, v);
        break;
      case 'int32':
        view.setInt32(o, v);
        break;
      case 'float32':
        view.setFloat32(o, v);
        break;
      case 'float64':
        view.setFloat64(o, v);
        break;
    }
  }
  return out;
}

export type { IdxTypedArray };

import { IdxFormatError } from '../errors.js';
import { IDX_DTYPES, type IdxDType, type IdxTypedArray } from './idx-dtypes.js';

/** A decoded IDX file: `data` holds prod(shape) elements in row-major order, native byte order. */
export interface IdxArray {
  /** Element type from the header's third magic byte. */
  readonly dtype: IdxDType;
  /** Dimensions from the header, e.g. `[60000, 28, 28]` for MNIST training images. */
  readonly shape: readonly number[];
  /** The elements, row-major, in the typed array of `dtype`. */
  readonly data: IdxTypedArray;
}

/**
 * Largest element count accepted. Typed arrays cannot be larger than this in every engine, and a
 * corrupt header must not make us try to allocate terabytes before noticing the file is short.
 */
const MAX_ELEMENTS = 2 ** 31 - 1;

/** What an IDX header declares: element type, shape, and the exact size of the whole file. */
export interface IdxHeader {
  readonly dtype: IdxDType;
  readonly elementBytes: number;
  readonly shape: readonly number[];
  readonly count: number;
  readonly headerBytes: number;
  /** Header plus data: the file's exact length. */
  readonly fileBytes: number;
}

/**
 * Reads the header at the start of `bytes`; undefined while `bytes` is too short to hold all of it
 * (so a stream can be checked as it arrives). A header that cannot be an IDX header throws.
 */
export function readIdxHeader(bytes: Uint8Array, file = '<bytes>'): IdxHeader | undefined {
  if (bytes.length < 4) return undefined;
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (bytes[0] === 0x1f && bytes[1] === 0x8b) {
    throw new IdxFormatError(file, 'is gzip-compressed: decompress it first (decodeIdx does)');
  }
  if (bytes[0] !== 0 || bytes[1] !== 0) {
    throw new IdxFormatError(
      file,
      `wrong magic number 0x${hex32(view.getUint32(0))}: an IDX file starts with two zero bytes, ` +
        'a type byte (0x08-0x0E) and the number of dimensions',
    );
  }
  const info = IDX_DTYPES.get(bytes[2]);
  if (info === undefined) {
    throw new IdxFormatError(
      file,
      `wrong magic number 0x${hex32(view.getUint32(0))}: unknown type byte 0x${hex8(bytes[2])} ` +
        '(expected 0x08 ubyte, 0x09 byte, 0x0B short, 0x0C int, 0x0D float or 0x0E double)',
    );
  }
  const ndim = bytes[3];
  if (ndim === 0) throw new IdxFormatError(file, 'header declares 0 dimensions');
  const headerBytes = 4 + 4 * ndim;
  if (bytes.length < headerBytes) return undefined;
  const shape: number[] = [];
  let count = 1;
  for (let d = 0; d < ndim; d++) {
    const size = view.getUint32(4 + 4 * d);
    shape.push(size);
    count *= size;
  }
  if (count > MAX_ELEMENTS) {
    throw new IdxFormatError(file, `header declares shape [${shape.join(', ')}]: too many elements`);
  }
  return {
    dtype: info.dtype,
    elementBytes: info.bytes,
    shape,
    count,
    headerBytes,
    fileBytes: headerBytes + count * info.bytes,
  };
}

/**
 * Parse an uncompressed IDX file. The length must match the header exactly: a short file is
 * truncated, a long one has trailing bytes, and both are errors (a silently ignored tail usually
 * means two files were concatenated or the wrong file was given).
 *
 * uint8 and int8 data are views into `bytes` (no copy); wider types are copied into native order.
 *
 * @param bytes - The whole uncompressed file (use `decodeIdx` for a gzip one).
 * @param file - The name errors give (default '<bytes>').
 * @example
 * ```ts
 * const images = parseIdx(await readFile('t10k-images-idx3-ubyte'), 't10k-images-idx3-ubyte');
 * console.log(images.dtype, images.shape); // uint8 [10000, 28, 28]
 * ```
 */
export function parseIdx(bytes: Uint8Array, file = '<bytes>'): IdxArray {
  if (bytes.length < 4) {
    throw new IdxFormatError(file, `truncated: expected at least 4 header bytes, got ${bytes.length}`);
  }
  const header = readIdxHeader(bytes, file);
  if (header === undefined) {
    const ndim = bytes[3];
    throw new IdxFormatError(
      file,
      `truncated header: ${ndim} dimensions need ${4 + 4 * ndim} bytes, got ${bytes.length}`,
    );
  }
  const { shape, dtype, fileBytes: expected } = header;
  if (bytes.length < expected) {
    throw new IdxFormatError(
      file,
      `truncated: shape [${shape.join(', ')}] of ${dtype} needs ${expected} bytes, got ${bytes.length}`,
    );
  }
  if (bytes.length > expected) {
    throw new IdxFormatError(
      file,
      `${bytes.length - expected} trailing bytes after the data: shape [${shape.join(', ')}] of ` +
        `${dtype} needs ${expected} bytes, got ${bytes.length}`,
    );
  }
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  return { dtype, shape, data: readData(view, header.headerBytes, header.count, dtype) };
}

function readData(view: DataView, offset: number, n: number, dtype: IdxDType): IdxTypedArray {
  const start = view.byteOffset + offset;
  switch (dtype) {
    case 'uint8':
      return new Uint8Array(view.buffer, start, n);
    case 'int8':
      return new Int8Array(view.buffer, start, n);
    case 'int16': {
      const out = new Int16Array(n);
      for (let i = 0; i < n; i++) out[i] = view.getInt16(offset + 2 * i);
      return out;
    }
    case 'int32': {
      const out = new Int32Array(n);
      for (let i = 0; i < n; i++) out[i] = view.getInt32(offset + 4 * i);
      return out;
    }
    case 'float32': {
      const out = new Float32Array(n);
      for (let i = 0; i < n; i++) out[i] = view.getFloat32(offset + 4 * i);
      return out;
    }
    case 'float64': {
      const out = new Float64Array(n);
      for (let i = 0; i < n; i++) out[i] = view.getFloat64(offset + 8 * i);
      return out;
    }
  }
}

const hex32 = (v: number) => v.toString(16).padStart(8, '0');
const hex8 = (v: number) => v.toString(16).padStart(2, '0');

import { SafetensorsError } from '../errors.js';

/*
 * The `.safetensors` format (huggingface/safetensors, the file PyTorch users exchange weights in):
 *   [8 bytes: N, unsigned 64-bit little-endian]
 *   [N bytes: UTF-8 JSON header, may be right-padded with spaces]
 *   [the byte buffer: every tensor's little-endian, row-major data back to back]
 * The header maps each tensor name to { dtype, shape, data_offsets: [begin, end] } (offsets relative
 * to the start of the byte buffer) and may hold "__metadata__": { string: string }.
 * This file is pure bytes (no tensors, no file system) so it runs in browsers too.
 */

/** Dtypes of the format. Reading widens/narrows to the three typed arrays core stores. */
export type SafetensorsDType = 'F64' | 'F32' | 'F16' | 'BF16' | 'I64' | 'I32' | 'I16' | 'I8' | 'U8' | 'BOOL';

const BYTES: Record<SafetensorsDType, number> = {
  F64: 8,
  F32: 4,
  F16: 2,
  BF16: 2,
  I64: 8,
  I32: 4,
  I16: 2,
  I8: 1,
  U8: 1,
  BOOL: 1,
};

/** One tensor as plain data: float dtypes become Float32Array, integers Int32Array, BOOL/U8 Uint8Array. */
export interface SafetensorsEntry {
  /** The dtype stored in the file (the data may be widened or narrowed from it, e.g. F64 to float32). */
  readonly dtype: SafetensorsDType;
  /** The tensor's shape ([] for a scalar). */
  readonly shape: readonly number[];
  /** The values, row-major. */
  readonly data: Float32Array | Int32Array | Uint8Array;
}

/** What `parseSafetensors` returns: the tensors by name and the metadata. */
export interface SafetensorsContents {
  /** Every tensor of the file, by name. */
  readonly tensors: Map<string, SafetensorsEntry>;
  /** The header's `__metadata__` string map (empty when the file has none). */
  readonly metadata: Record<string, string>;
}

/** What `serializeSafetensors` writes: float32 as F32, int32 as I32, Uint8Array as U8 (or BOOL if asked). */
export interface SafetensorsInput {
  /** The tensor's shape ([] for a scalar); its product must equal `data.length`. */
  readonly shape: readonly number[];
  /** The values, row-major. */
  readonly data: Float32Array | Int32Array | Uint8Array;
  /** The dtype to write (default from the array: F32, I32 or U8); 'BOOL' marks a Uint8Array as booleans. */
  readonly dtype?: 'F32' | 'I32' | 'U8' | 'BOOL';
}

const product = (shape: readonly number[]): number => shape.reduce((a, b) => a * b, 1);

function defaultDType(data: SafetensorsInput['data']): 'F32' | 'I32' | 'U8' {
  if (data instanceof Float32Array) return 'F32';
  if (data instanceof Int32Array) return 'I32';
  return 'U8';
}

/**
 * Writes tensors (sorted by name, so equal inputs give identical bytes) and string metadata.
 * The header is padded with spaces to a multiple of 8 bytes, as the Python writer does, so the data
 * that follows stays aligned.
 *
 * @param tensors - The tensors by name, as plain data.
 * @param metadata - The `__metadata__` strings (default none).
 * @example
 * ```ts
 * const bytes = serializeSafetensors(
 *   { weight: { shape: [2, 2], data: new Float32Array([1, 2, 3, 4]) } },
 *   { format: 'pt' },
 * );
 * console.log(parseSafetensors(bytes).tensors.get('weight')?.dtype); // 'F32'
 * ```
 */
export function serializeSafetensors(
  tensors: Record<string, SafetensorsInput> | Map<string, SafetensorsInput>,
  metadata: Record<string, string> = {},
): Uint8Array {
  const entries = [...(tensors instanceof Map ? tensors.entries() : Object.entries(tensors))].sort(
    ([a], [b]) => (a < b ? -1 : a > b ? 1 : 0),
  );
  const header: Record<string, unknown> = {};
  if (Object.keys(metadata).length > 0) {
    for (const [k, v] of Object.entries(metadata)) {
      if (typeof v !== 'string') {
        throw new SafetensorsError(`safetensors metadata values must be strings; "${k}" is ${typeof v}`);
      }
    }
    header.__metadata__ = metadata;
  }
  let offset = 0;
  for (const [name, t] of entries) {
    if (name === '__metadata__') throw new SafetensorsError('"__metadata__" cannot be a tensor name');
    const dtype = t.dtype ?? defaultDType(t.data);
    const expected = product(t.shape);
    if (t.data.length !== expected) {
      throw new SafetensorsError(
        `tensor "${name}": shape [${t.shape.join(', ')}] needs ${expected} values, data has ${t.data.length}`,
      );
    }
    const size = expected * BYTES[dtype];
    header[name] = { dtype, shape: [...t.shape], data_offsets: [offset, offset + size] };
    offset += size;
  }
  let json = new TextEncoder().encode(JSON.stringify(header));
  const padded = Math.ceil(json.length / 8) * 8;
  if (padded !== json.length) {
    const p = new Uint8Array(padded).fill(0x20);
    p.set(json);
    json = p;
  }
  const out = new Uint8Array(8 + json.length + offset);
  const view = new DataView(out.buffer);
  view.setBigUint64(0, BigInt(json.length), true);
  out.set(json, 8);
  const base = 8 + json.length;
  for (const [name, t] of entries) {
    const [begin] = (header[name] as { data_offsets: [number, number] }).data_offsets;
    writeData(view, base + begin, t.data);
  }
  return out;
}

function writeData(view: DataView, at: number, data: SafetensorsInput['data']): void {
  if (data instanceof Float32Array) {
    for (let i = 0; i < data.length; i++) view.setFloat32(at + 4 * i, data[i], true);
  } else if (data instanceof Int32Array) {
    for (let i = 0; i < data.length; i++) view.setInt32(at + 4 * i, data[i], true);
  } else {
    for (let i = 0; i < data.length; i++) view.setUint8(at + i, data[i]);
  }
}

// Own keys only: 'constructor' or 'toString' are not dtypes.
function isDType(d: unknown): d is SafetensorsDType {
  return typeof d === 'string' && Object.hasOwn(BYTES, d);
}

/**
 * Parses a `.safetensors` buffer, validating the header as the reference implementation does. Every
 * entry's dtype, shape and offsets are checked, and the offsets must tile the data buffer exactly
 * (no overlap, no hole, nothing past its end), BEFORE any tensor is read: a small file whose header
 * points many tensors at the same bytes can never make the reader allocate more than the file holds.
 *
 * @param bytes - The whole file.
 * @example
 * ```ts
 * // Python: safetensors.torch.load_file('weights.safetensors')
 * const { tensors, metadata } = parseSafetensors(await readFile('weights.safetensors'));
 * for (const [name, { dtype, shape }] of tensors) console.log(name, dtype, shape);
 * ```
 */
export function parseSafetensors(bytes: Uint8Array): SafetensorsContents {
  if (bytes.length < 8) {
    throw new SafetensorsError(
      `safetensors buffer is ${bytes.length} bytes; it needs at least the 8-byte header length`,
    );
  }
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const n64 = view.getBigUint64(0, true);
  if (n64 > BigInt(bytes.length - 8)) {
    throw new SafetensorsError(
      `safetensors header length ${n64} is larger than the ${bytes.length - 8} bytes after it (truncated file?)`,
    );
  }
  const n = Number(n64);
  let header: unknown;
  try {
    header = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(bytes.subarray(8, 8 + n)));
  } catch (e) {
    throw new SafetensorsError(`safetensors header is not valid UTF-8 JSON: ${(e as Error).message}`);
  }
  if (header === null || typeof header !== 'object' || Array.isArray(header)) {
    throw new SafetensorsError('safetensors header must be a JSON object');
  }
  const base = 8 + n;
  const bufferLength = bytes.length - base;
  let metadata: Record<string, string> = {};
  const spans: { begin: number; end: number; name: string; dtype: SafetensorsDType; shape: number[] }[] = [];
  for (const [name, info] of Object.entries(header as Record<string, unknown>)) {
    if (name === '__metadata__') {
      if (info === null || typeof info !== 'object' || Array.isArray(info)) {
        throw new SafetensorsError('safetensors "__metadata__" must be an object of strings');
      }
      for (const [k, v] of Object.entries(info)) {
        if (typeof v !== 'string') {
          throw new SafetensorsError(`safetensors "__metadata__.${k}" must be a string, got ${typeof v}`);
        }
      }
      metadata = info as Record<string, string>;
      continue;
    }
    const { dtype, shape, data_offsets: offsets } = (info ?? {}) as Record<string, unknown>;
    if (!isDType(dtype)) {
      throw new SafetensorsError(
        `tensor "${name}": dtype ${JSON.stringify(dtype)} is not supported (supported: ${Object.keys(BYTES).join(', ')})`,
      );
    }
    if (!Array.isArray(shape) || !shape.every((d) => Number.isInteger(d) && d >= 0)) {
      throw new SafetensorsError(`tensor "${name}": shape ${JSON.stringify(shape)} is not a list of sizes`);
    }
    if (
      !Array.isArray(offsets) ||
      offsets.length !== 2 ||
      !offsets.every((o) => Number.isInteger(o) && o >= 0) ||
      offsets[1] < offsets[0]
    ) {
      throw new SafetensorsError(
        `tensor "${name}": data_offsets ${JSON.stringify(offsets)} is not [begin, end]`,
      );
    }
    const [begin, end] = offsets as [number, number];
    const count = product(shape);
    if (end - begin !== count * BYTES[dtype]) {
      throw new SafetensorsError(
        `tensor "${name}": ${dtype} [${shape.join(', ')}] needs ${count * BYTES[dtype]} bytes, data_offsets span ${end - begin}`,
      );
    }
    if (end > bufferLength) {
      throw new SafetensorsError(
        `tensor "${name}": data_offsets end ${end} is past the ${bufferLength}-byte data buffer (truncated file?)`,
      );
    }
    spans.push({ begin, end, name, dtype, shape });
  }
  // The format forbids holes and overlaps: sorted spans must tile the buffer exactly.
  const sorted = [...spans].sort((a, b) => a.begin - b.begin || a.end - b.end);
  let cursor = 0;
  for (const { begin, end, name } of sorted) {
    if (begin !== cursor) {
      throw new SafetensorsError(
        `tensor "${name}" starts at byte ${begin} but the previous tensor ends at ${cursor} (overlap or hole)`,
      );
    }
    cursor = end;
  }
  if (cursor !== bufferLength) {
    throw new SafetensorsError(`the data buffer is ${bufferLength} bytes but the tensors cover ${cursor}`);
  }
  // Only now is anything read: the tensors together are at most the file's size.
  const tensors = new Map<string, SafetensorsEntry>();
  for (const { begin, end, name, dtype, shape } of spans) {
    tensors.set(name, {
      dtype,
      shape,
      data: readData(view, base + begin, dtype, (end - begin) / BYTES[dtype], name),
    });
  }
  return { tensors, metadata };
}

function halfToFloat(h: number): number {
  const sign = h & 0x8000 ? -1 : 1;
  const exp = (h >> 10) & 0x1f;
  const frac = h & 0x3ff;
  if (exp === 0) return sign * 2 ** -14 * (frac / 1024);
  if (exp === 0x1f) return frac ? Number.NaN : sign * Number.POSITIVE_INFINITY;
  return sign * 2 ** (exp - 15) * (1 + frac / 1024);
}

function readData(
  view: DataView,
  at: number,
  dtype: SafetensorsDType,
  count: number,
  name: string,
): Float32Array | Int32Array | Uint8Array {
  switch (dtype) {
    case 'F32': {
      const out = new Float32Array(count);
      for (let i = 0; i < count; i++) out[i] = view.getFloat32(at + 4 * i, true);
      return out;
    }
    case 'F64': {
      const out = new Float32Array(count);
      for (let i = 0; i < count; i++) out[i] = view.getFloat64(at + 8 * i, true);
      return out;
    }
    case 'F16': {
      const out = new Float32Array(count);
      for (let i = 0; i < count; i++) out[i] = halfToFloat(view.getUint16(at + 2 * i, true));
      return out;
    }
    case 'BF16': {
      // bfloat16 is the top half of a float32.
      const out = new Float32Array(count);
      const u = new Uint32Array(out.buffer);
      for (let i = 0; i < count; i++) u[i] = view.getUint16(at + 2 * i, true) << 16;
      return out;
    }
    case 'I64': {
      const out = new Int32Array(count);
      for (let i = 0; i < count; i++) {
        const v = view.getBigInt64(at + 8 * i, true);
        if (v > 2147483647n || v < -2147483648n) {
          throw new SafetensorsError(`tensor "${name}": I64 value ${v} at index ${i} does not fit int32`);
        }
        out[i] = Number(v);
      }
      return out;
    }
    case 'I32': {
      const out = new Int32Array(count);
      for (let i = 0; i < count; i++) out[i] = view.getInt32(at + 4 * i, true);
      return out;
    }
    case 'I16': {
      const out = new Int32Array(count);
      for (let i = 0; i < count; i++) out[i] = view.getInt16(at + 2 * i, true);
      return out;
    }
    case 'I8': {
      const out = new Int32Array(count);
      for (let i = 0; i < count; i++) out[i] = view.getInt8(at + i);
      return out;
    }
    case 'U8':
    case 'BOOL': {
      const out = new Uint8Array(count);
      for (let i = 0; i < count; i++) out[i] = view.getUint8(at + i);
      return out;
    }
  }
}

import { SafetensorsError } from '../errors.js';
import { parseSafetensors, serializeSafetensors } from './safetensors.js';

/** Builds a file the way the format spec describes it, byte by byte, without our writer. */
function handMade(headerJson: string, data: number[]): Uint8Array {
  const header = [...headerJson].map((c) => c.charCodeAt(0));
  const n = header.length;
  const lengthBytes = [n & 0xff, (n >> 8) & 0xff, (n >> 16) & 0xff, (n >> 24) & 0xff, 0, 0, 0, 0];
  return new Uint8Array([...lengthBytes, ...header, ...data]);
}

describe('parseSafetensors', () => {
  it('reads a hand-built file: F32 [2], I64 [1], BF16 [1], F16 [2], metadata', () => {
    const header =
      '{"__metadata__":{"format":"pt"},' +
      '"w":{"dtype":"F32","shape":[2],"data_offsets":[0,8]},' +
      '"n":{"dtype":"I64","shape":[1],"data_offsets":[8,16]},' +
      '"b":{"dtype":"BF16","shape":[1],"data_offsets":[16,18]},' +
      '"h":{"dtype":"F16","shape":[1,2],"data_offsets":[18,22]}}';
    const bytes = handMade(
      header,
      [
        // 1.0f = 0x3f800000, -2.5f = 0xc0200000 (little-endian)
        0x00, 0x00, 0x80, 0x3f, 0x00, 0x00, 0x20, 0xc0,
        // int64 -3 = 0xfffffffffffffffd
        0xfd, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff,
        // bf16 0.5 = 0x3f00
        0x00, 0x3f,
        // f16 1.5 = 0x3e00, f16 -0.25 = 0xb400
        0x00, 0x3e, 0x00, 0xb4,
      ],
    );
    const { tensors, metadata } = parseSafetensors(bytes);
    expect(metadata).toEqual({ format: 'pt' });
    expect(tensors.get('w')).toEqual({ dtype: 'F32', shape: [2], data: new Float32Array([1, -2.5]) });
    expect(tensors.get('n')).toEqual({ dtype: 'I64', shape: [1], data: new Int32Array([-3]) });
    expect(tensors.get('b')?.data).toEqual(new Float32Array([0.5]));
    expect(tensors.get('h')).toEqual({ dtype: 'F16', shape: [1, 2], data: new Float32Array([1.5, -0.25]) });
  });

  it('reads a scalar (shape []) and an empty tensor', () => {
    const header =
      '{"s":{"dtype":"F32","shape":[],"data_offsets":[0,4]},"e":{"dtype":"F32","shape":[0,3],"data_offsets":[4,4]}}';
    const { tensors } = parseSafetensors(handMade(header, [0x00, 0x00, 0x40, 0x40]));
    expect(tensors.get('s')?.data).toEqual(new Float32Array([3]));
    expect(tensors.get('e')?.shape).toEqual([0, 3]);
  });

  it('rejects truncation, holes, wrong sizes and unknown dtypes with a message naming the tensor', () => {
    const ok = '{"w":{"dtype":"F32","shape":[2],"data_offsets":[0,8]}}';
    expect(() => parseSafetensors(handMade(ok, [0, 0, 0, 0]))).toThrow(/"w".*past the 4-byte data buffer/);
    expect(() => parseSafetensors(new Uint8Array(3))).toThrow(SafetensorsError);
    const hole = '{"w":{"dtype":"F32","shape":[1],"data_offsets":[4,8]}}';
    expect(() => parseSafetensors(handMade(hole, new Array(8).fill(0)))).toThrow(/overlap or hole/);
    const wrongSize = '{"w":{"dtype":"F32","shape":[3],"data_offsets":[0,8]}}';
    expect(() => parseSafetensors(handMade(wrongSize, new Array(8).fill(0)))).toThrow(/needs 12 bytes/);
    const badType = '{"w":{"dtype":"C64","shape":[1],"data_offsets":[0,8]}}';
    expect(() => parseSafetensors(handMade(badType, new Array(8).fill(0)))).toThrow(/"C64" is not supported/);
    const bytes = handMade(ok, new Array(8).fill(0));
    bytes[0] = 0xff; // header length beyond the file
    expect(() => parseSafetensors(bytes)).toThrow(/truncated/);
    expect(() => parseSafetensors(handMade('[1]', []))).toThrow(/JSON object/);
  });

  it('names dtypes by own keys only: "constructor" and "toString" are not dtypes', () => {
    for (const name of ['constructor', 'toString', '__proto__']) {
      const header = `{"w":{"dtype":"${name}","shape":[1],"data_offsets":[0,4]}}`;
      expect(() => parseSafetensors(handMade(header, [0, 0, 0, 0]))).toThrow(
        `dtype "${name}" is not supported`,
      );
    }
  });

  it('checks every offset before reading anything: a 4 MB file of 320 overlapping tensors costs no 1.3 GB', () => {
    // Every tensor claims the whole 4 MB buffer: read one by one that is 320 x 4 MB of Float32Arrays.
    const size = 4 * 2 ** 20;
    const entries = Array.from(
      { length: 320 },
      (_, i) => `"t${i}":{"dtype":"F32","shape":[${size / 4}],"data_offsets":[0,${size}]}`,
    );
    const json = new TextEncoder().encode(`{${entries.join(',')}}`);
    const bytes = new Uint8Array(8 + json.length + size);
    new DataView(bytes.buffer).setBigUint64(0, BigInt(json.length), true);
    bytes.set(json, 8);
    const before = process.memoryUsage().arrayBuffers;
    const t0 = performance.now();
    expect(() => parseSafetensors(bytes)).toThrow(
      /starts at byte 0 but the previous tensor ends at 4194304 \(overlap or hole\)/,
    );
    expect(performance.now() - t0).toBeLessThan(1000);
    expect(process.memoryUsage().arrayBuffers - before).toBeLessThan(64 * 2 ** 20);
  });
});

describe('serializeSafetensors', () => {
  it('writes exactly the bytes the spec describes (header padded to 8 with spaces, names sorted)', () => {
    const bytes = serializeSafetensors({
      b: { shape: [1], data: new Float32Array([1]) },
      a: { shape: [], data: new Int32Array([7]) },
    });
    const json =
      '{"a":{"dtype":"I32","shape":[],"data_offsets":[0,4]},"b":{"dtype":"F32","shape":[1],"data_offsets":[4,8]}}';
    const padded = json + ' '.repeat((8 - (json.length % 8)) % 8);
    const expected = handMade(padded, [7, 0, 0, 0, 0x00, 0x00, 0x80, 0x3f]);
    expect([...bytes]).toEqual([...expected]);
    expect((8 + padded.length) % 8).toBe(0);
  });

  it('round-trips float32 bit patterns (NaN, -0, denormals), int32, u8, bool and metadata', () => {
    const f = new Float32Array([Number.NaN, -0, 1e-42, 3.4e38, -1 / 3]);
    const bytes = serializeSafetensors(
      new Map([
        ['l1.input_weights', { shape: [5], data: f }],
        ['idx', { shape: [2, 1], data: new Int32Array([-2147483648, 2147483647]) }],
        ['mask', { shape: [3], data: new Uint8Array([1, 0, 1]), dtype: 'BOOL' as const }],
      ]),
      { epoch: '3' },
    );
    const { tensors, metadata } = parseSafetensors(bytes);
    expect(metadata).toEqual({ epoch: '3' });
    const back = tensors.get('l1.input_weights')!.data as Float32Array;
    expect(new Uint32Array(back.buffer)).toEqual(new Uint32Array(f.buffer));
    expect(tensors.get('idx')).toEqual({
      dtype: 'I32',
      shape: [2, 1],
      data: new Int32Array([-2147483648, 2147483647]),
    });
    expect(tensors.get('mask')).toEqual({ dtype: 'BOOL', shape: [3], data: new Uint8Array([1, 0, 1]) });
  });

  it('rejects data whose length does not match the shape', () => {
    expect(() => serializeSafetensors({ w: { shape: [2, 2], data: new Float32Array(3) } })).toThrow(
      /"w": shape \[2, 2\] needs 4 values, data has 3/,
    );
  });
});

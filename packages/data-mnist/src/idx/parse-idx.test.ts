import { gzipSync } from 'node:zlib';
import { IdxFormatError } from '../errors.js';
import { nodeGunzip } from '../node/node-platform.js';
import { decodeIdx, isGzip } from './decode-idx.js';
import { encodeIdx } from './encode-idx.js';
import type { IdxDType } from './idx-dtypes.js';
import { parseIdx } from './parse-idx.js';

function expectIdxError(fn: () => unknown, ...fragments: string[]): void {
  let caught: unknown;
  try {
    fn();
  } catch (e) {
    caught = e;
  }
  expect(caught).toBeInstanceOf(IdxFormatError);
  for (const f of fragments) expect((caught as Error).message).toContain(f);
}

describe('parseIdx', () => {
  it('reads a hand-written ubyte file byte for byte', () => {
    // magic 0x00000803, dims 2 x 2 x 3, then 12 bytes
    const bytes = new Uint8Array([
      0,
      0,
      8,
      3,
      0,
      0,
      0,
      2,
      0,
      0,
      0,
      2,
      0,
      0,
      0,
      3,
      ...Array.from({ length: 12 }, (_, i) => i * 20),
    ]);
    const idx = parseIdx(bytes, 'x.idx');
    expect(idx.dtype).toBe('uint8');
    expect(idx.shape).toEqual([2, 2, 3]);
    expect(Array.from(idx.data)).toEqual([0, 20, 40, 60, 80, 100, 120, 140, 160, 180, 200, 220]);
    // ubyte data is a view, not a copy
    expect(idx.data.buffer).toBe(bytes.buffer);
  });

  it('reads every dtype big-endian', () => {
    const cases: Array<[IdxDType, number[]]> = [
      ['uint8', [0, 1, 255]],
      ['int8', [-128, -1, 127]],
      ['int16', [-32768, -2, 300, 32767]],
      ['int32', [-2147483648, -5, 70000, 2147483647]],
      ['float32', [-1.5, 0, 3.25, 1e-20]],
      ['float64', [Math.PI, -Math.E, 1e300]],
    ];
    for (const [dtype, values] of cases) {
      const idx = parseIdx(encodeIdx(dtype, [values.length], values), dtype);
      expect(idx.dtype).toBe(dtype);
      expect(Array.from(idx.data)).toEqual(dtype === 'float32' ? values.map(Math.fround) : values);
    }
    // big-endian on the wire: int16 300 = 0x012c
    const b = encodeIdx('int16', [1], [300]);
    expect(Array.from(b)).toEqual([0, 0, 0x0b, 1, 0, 0, 0, 1, 0x01, 0x2c]);
  });

  it('names the file and the problem for every malformed header', () => {
    const good = encodeIdx('uint8', [2, 3], [1, 2, 3, 4, 5, 6]);
    expectIdxError(() => parseIdx(new Uint8Array([0, 0]), 'a.idx'), 'a.idx', 'truncated', 'got 2');
    expectIdxError(
      () => parseIdx(new Uint8Array([1, 0, 8, 1, 0, 0, 0, 0]), 'b.idx'),
      'b.idx',
      'wrong magic number 0x01000801',
    );
    expectIdxError(
      () => parseIdx(new Uint8Array([0, 0, 7, 1, 0, 0, 0, 0]), 'c.idx'),
      'unknown type byte 0x07',
    );
    expectIdxError(() => parseIdx(new Uint8Array([0, 0, 8, 0]), 'd.idx'), '0 dimensions');
    expectIdxError(() => parseIdx(good.subarray(0, 9), 'e.idx'), 'truncated header', 'need 12 bytes, got 9');
    expectIdxError(
      () => parseIdx(good.subarray(0, 15), 'f.idx'),
      'f.idx',
      'truncated',
      'needs 18 bytes, got 15',
    );
    const long = new Uint8Array(good.length + 3);
    long.set(good);
    expectIdxError(() => parseIdx(long, 'g.idx'), 'g.idx', '3 trailing bytes', 'needs 18 bytes, got 21');
    expectIdxError(() => parseIdx(gzipSync(good), 'h.idx.gz'), 'gzip-compressed');
    // a header promising 4 billion^2 elements fails on size, before any allocation
    expectIdxError(
      () => parseIdx(new Uint8Array([0, 0, 8, 2, 255, 255, 255, 255, 255, 255, 255, 255])),
      'too many elements',
    );
  });
});

describe('decodeIdx', () => {
  it('detects gzip by its magic bytes and decodes either form the same', async () => {
    const raw = encodeIdx('int32', [2, 2], [1, -2, 3, -4]);
    const gz = new Uint8Array(gzipSync(raw));
    expect(isGzip(gz)).toBe(true);
    expect(isGzip(raw)).toBe(false);
    const a = await decodeIdx(raw, 'raw', nodeGunzip);
    const b = await decodeIdx(gz, 'gz', nodeGunzip);
    expect(b.shape).toEqual([2, 2]);
    expect(Array.from(b.data)).toEqual(Array.from(a.data));
  });

  it('turns a broken gzip stream into an IdxFormatError naming the file', async () => {
    const gz = new Uint8Array(gzipSync(encodeIdx('uint8', [100], new Array(100).fill(7))));
    await expect(decodeIdx(gz.subarray(0, gz.length - 10), 'cut.gz', nodeGunzip)).rejects.toThrow(
      IdxFormatError,
    );
    await expect(decodeIdx(gz.subarray(0, gz.length - 10), 'cut.gz', nodeGunzip)).rejects.toThrow(
      /cut\.gz: corrupt or truncated gzip stream/,
    );
  });
});

import { gzipSync } from 'node:zlib';
import fc from 'fast-check';
import { DataMnistError, IdxFormatError } from '../errors.js';
import { ImageDataset } from '../image-dataset.js';
import { nodeGunzip } from '../node/node-platform.js';
import { decodeIdx } from './decode-idx.js';
import { encodeIdx } from './encode-idx.js';
import type { IdxDType } from './idx-dtypes.js';
import { parseIdx } from './parse-idx.js';

const DTYPES: IdxDType[] = ['uint8', 'int8', 'int16', 'int32', 'float32', 'float64'];

/** A valid IDX file of random dtype, shape (1-3 dims of 0-5) and values. */
const validIdx = fc
  .record({
    dtype: fc.constantFrom(...DTYPES),
    shape: fc.array(fc.integer({ min: 0, max: 5 }), { minLength: 1, maxLength: 3 }),
    seed: fc.integer(),
  })
  .map(({ dtype, shape, seed }) => {
    const n = shape.reduce((a, b) => a * b, 1);
    const values = Array.from({ length: n }, (_, i) => {
      const v = Math.imul(seed ^ i, 2654435761) >>> 0;
      switch (dtype) {
        case 'uint8':
          return v & 0xff;
        case 'int8':
          return (v & 0xff) - 128;
        case 'int16':
          return (v & 0xffff) - 32768;
        case 'int32':
          return v | 0;
        default:
          return (v / 1e6) * (v & 1 ? -1 : 1);
      }
    });
    return { dtype, shape, values, bytes: encodeIdx(dtype, shape, values) };
  });

/** Mutations: flip bytes, cut, append, splice random bytes in. */
const mutated = fc
  .tuple(
    validIdx,
    fc.array(fc.tuple(fc.nat(), fc.integer({ min: 0, max: 255 })), { maxLength: 4 }),
    fc.option(fc.nat()),
    fc.uint8Array({ maxLength: 12 }),
  )
  .map(([{ bytes }, flips, cut, tail]) => {
    let out = new Uint8Array(bytes);
    for (const [pos, value] of flips) if (out.length > 0) out[pos % out.length] = value;
    if (cut !== null && out.length > 0) out = out.subarray(0, cut % out.length);
    const joined = new Uint8Array(out.length + tail.length);
    joined.set(out);
    joined.set(tail, out.length);
    return joined;
  });

function onlyTypedErrors(fn: () => unknown): void {
  try {
    fn();
  } catch (e) {
    if (!(e instanceof IdxFormatError)) throw e;
  }
}

async function onlyTypedErrorsAsync(fn: () => Promise<unknown>): Promise<void> {
  try {
    await fn();
  } catch (e) {
    if (!(e instanceof IdxFormatError)) throw e;
  }
}

describe('IDX parser under random and mutated input', () => {
  it('round-trips every valid file exactly', () => {
    fc.assert(
      fc.property(validIdx, ({ dtype, shape, values, bytes }) => {
        const idx = parseIdx(bytes, 'rt');
        expect(idx.dtype).toBe(dtype);
        expect(idx.shape).toEqual(shape);
        const expected = dtype === 'float32' ? values.map(Math.fround) : values;
        expect(Array.from(idx.data)).toEqual(expected);
      }),
      { numRuns: 300 },
    );
  });

  it('random bytes: a result or an IdxFormatError, nothing else', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 200 }), (b) => onlyTypedErrors(() => parseIdx(b, 'rand'))),
      {
        numRuns: 2000,
      },
    );
    // random bytes behind a valid-looking header exercise the length checks, not just the magic
    const header = fc
      .tuple(
        fc.constantFrom(0x08, 0x09, 0x0b, 0x0c, 0x0d, 0x0e),
        fc.integer({ min: 0, max: 4 }),
        fc.uint8Array({ maxLength: 80 }),
      )
      .map(([t, nd, rest]) => Uint8Array.from([0, 0, t, nd, ...rest]));
    fc.assert(
      fc.property(header, (b) => onlyTypedErrors(() => parseIdx(b, 'hdr'))),
      { numRuns: 2000 },
    );
  });

  it('mutated valid files: a consistent result or an IdxFormatError', () => {
    fc.assert(
      fc.property(mutated, (b) =>
        onlyTypedErrors(() => {
          const idx = parseIdx(b, 'mut');
          expect(idx.data.length).toBe(idx.shape.reduce((x, y) => x * y, 1));
        }),
      ),
      { numRuns: 2000 },
    );
  });

  it('random and mutated gzip streams: a result or an IdxFormatError', async () => {
    await fc.assert(
      fc.asyncProperty(fc.uint8Array({ maxLength: 100 }), (rest) =>
        onlyTypedErrorsAsync(() => decodeIdx(Uint8Array.from([0x1f, 0x8b, ...rest]), 'rand.gz', nodeGunzip)),
      ),
      { numRuns: 500 },
    );
    await fc.assert(
      fc.asyncProperty(
        mutated,
        fc.array(fc.tuple(fc.nat(), fc.integer({ min: 0, max: 255 })), { maxLength: 3 }),
        (raw, flips) => {
          const gz = new Uint8Array(gzipSync(raw));
          for (const [pos, v] of flips) if (gz.length > 2) gz[2 + (pos % (gz.length - 2))] = v;
          return onlyTypedErrorsAsync(() => decodeIdx(gz, 'mut.gz', nodeGunzip));
        },
      ),
      { numRuns: 500 },
    );
  });

  it('pairing mutated image and label files raises only DataMnistError subclasses', () => {
    const images = encodeIdx('uint8', [4, 3, 3], new Array(36).fill(9));
    const labels = encodeIdx('uint8', [4], [0, 3, 9, 1]);
    const mutate = (base: Uint8Array) =>
      fc.array(fc.tuple(fc.nat(), fc.integer({ min: 0, max: 255 })), { maxLength: 3 }).map((flips) => {
        const out = new Uint8Array(base);
        for (const [pos, v] of flips) out[pos % out.length] = v;
        return out;
      });
    fc.assert(
      fc.property(mutate(images), mutate(labels), (i, l) => {
        try {
          const ds = ImageDataset.fromIdx(parseIdx(i, 'i'), parseIdx(l, 'l'), { numClasses: 10 });
          expect(ds.labels.every((x) => x <= 9)).toBe(true);
        } catch (e) {
          if (!(e instanceof DataMnistError)) throw e;
        }
      }),
      { numRuns: 2000 },
    );
  });
});

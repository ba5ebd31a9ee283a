import { gzipSync } from 'node:zlib';
import { webGunzip } from '../browser/web-platform.js';
import { IdxFormatError } from '../errors.js';
import { nodeGunzip } from '../node/node-platform.js';
import { decodeIdx, type Gunzip, inflateIdx } from './decode-idx.js';
import { encodeIdx } from './encode-idx.js';

/**
 * A gzip "bomb": a valid IDX header declaring 10 label bytes, then 1 GiB of zeros, as 65 gzip members
 * (gunzip joins members; each 16 MiB member of zeros compresses to about 16 KiB), about 1 MB in all.
 */
function bomb(): Uint8Array {
  const zeros = gzipSync(new Uint8Array(16 * 2 ** 20), { level: 9 });
  const parts = [gzipSync(encodeIdx('uint8', [10], new Array(10).fill(1))), ...new Array(64).fill(zeros)];
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

/** Wraps a gunzip to count the bytes it has handed out. */
function counting(gunzip: Gunzip): { gunzip: Gunzip; inflated: () => number } {
  let n = 0;
  return {
    inflated: () => n,
    gunzip: (bytes) => ({
      async *[Symbol.asyncIterator]() {
        for await (const chunk of gunzip(bytes)) {
          n += chunk.length;
          yield chunk;
        }
      },
    }),
  };
}

describe('inflating IDX files', () => {
  const gz = bomb();

  it.each([
    ['node:zlib', nodeGunzip],
    ['DecompressionStream', webGunzip],
  ])(
    'a 1 MB gzip that inflates to 1 GiB is rejected a few KiB past the size its header declares (%s)',
    async (_name, gunzip) => {
      expect(gz.length).toBeLessThan(2 ** 20 + 2 ** 16);
      const { gunzip: counted, inflated } = counting(gunzip);
      const t0 = performance.now();
      // No .gz in the name: the gzip magic bytes decide, not the file name.
      const error = await decodeIdx(gz, 't10k-labels-idx1-ubyte', counted).catch((e) => e);
      expect(error).toBeInstanceOf(IdxFormatError);
      expect(error.message).toBe(
        't10k-labels-idx1-ubyte: the gzip stream inflates past 18 bytes (its IDX header declares shape [10] ' +
          'of uint8, 18 bytes): trailing data or a decompression bomb; stopped reading it',
      );
      expect(inflated()).toBeLessThan(2 ** 20);
      expect(performance.now() - t0).toBeLessThan(5000);
    },
  );

  it('a caller that knows the size caps it too, even below a header that claims more', async () => {
    const claimsMore = gzipSync(encodeIdx('uint8', [100_000], new Uint8Array(100_000)));
    await expect(inflateIdx(claimsMore, 'labels', nodeGunzip, 10_008)).rejects.toThrow(
      'labels: the gzip stream inflates past 10008 bytes (a file of this data set has 10008 bytes)',
    );
    const exact = encodeIdx('uint8', [10_000], new Uint8Array(10_000));
    expect(await inflateIdx(gzipSync(exact), 'labels', nodeGunzip, 10_008)).toEqual(exact);
  });

  it('uncompressed bytes pass through; a broken stream is an IdxFormatError', async () => {
    const raw = encodeIdx('uint8', [3], [1, 2, 3]);
    expect(await inflateIdx(raw, 'raw', nodeGunzip)).toBe(raw);
    await expect(inflateIdx(Uint8Array.from([0x1f, 0x8b, 8, 0, 1, 2]), 'x.gz', nodeGunzip)).rejects.toThrow(
      /^x\.gz: corrupt or truncated gzip stream/,
    );
  });
});

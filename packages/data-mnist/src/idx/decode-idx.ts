import { concatBytes } from '../concat-bytes.js';
import { IdxFormatError } from '../errors.js';
import { type IdxArray, type IdxHeader, parseIdx, readIdxHeader } from './parse-idx.js';

/**
 * Platform gunzip as a stream of output chunks (node:zlib in Node, DecompressionStream('gzip') in
 * browsers). The consumer may stop early: leaving the loop must stop the inflation.
 */
export type Gunzip = (bytes: Uint8Array) => AsyncIterable<Uint8Array>;

/**
 * gzip streams start with 1f 8b (RFC 1952); IDX files start with 00 00.
 *
 * @param bytes - A file's bytes (only the first two are read).
 * @example
 * ```ts
 * import { gzipSync } from 'node:zlib';
 * import { encodeIdx, isGzip } from '@snn/data-mnist';
 * const idx = encodeIdx('uint8', [3], [1, 2, 3]);
 * console.log(isGzip(idx), isGzip(gzipSync(idx))); // false true
 * ```
 */
export function isGzip(bytes: Uint8Array): boolean {
  return bytes.length >= 2 && bytes[0] === 0x1f && bytes[1] === 0x8b;
}

/**
 * The IDX bytes of a file that may be gzip-compressed (recognised by its magic bytes, whatever its
 * name). Inflation stops as soon as the output passes the size the IDX header inside declares, or
 * `maxBytes` when the caller knows the size it expects: a small file that would inflate to
 * gigabytes (a decompression bomb) costs a few kilobytes past that size, never the gigabytes.
 *
 * @param bytes - The file's bytes, gzip or not (uncompressed bytes are returned as they are).
 * @param file - The name errors give.
 * @param gunzip - The platform's gunzip, as a stream of chunks.
 * @param maxBytes - Stop past this many output bytes (default: only the header's declared size).
 * @example
 * ```ts
 * import { createGunzip, gzipSync } from 'node:zlib';
 * import { Readable } from 'node:stream';
 * import { encodeIdx, type Gunzip, inflateIdx } from '@snn/data-mnist';
 * const gunzip: Gunzip = (bytes) => Readable.from([bytes]).pipe(createGunzip());
 * const gz = gzipSync(encodeIdx('uint8', [3], [1, 2, 3]));
 * const idx = await inflateIdx(gz, 'labels.gz', gunzip); // the 11 bytes of the IDX file
 * ```
 */
export async function inflateIdx(
  bytes: Uint8Array,
  file: string,
  gunzip: Gunzip,
  maxBytes = Number.POSITIVE_INFINITY,
): Promise<Uint8Array> {
  if (!isGzip(bytes)) return bytes;
  const chunks: Uint8Array[] = [];
  let total = 0;
  let header: IdxHeader | undefined;
  try {
    for await (const chunk of gunzip(bytes)) {
      chunks.push(chunk);
      total += chunk.length;
      header ??= readIdxHeader(chunks.length === 1 ? chunk : concatBytes(chunks), file);
      const limit = Math.min(header?.fileBytes ?? Number.POSITIVE_INFINITY, maxBytes);
      if (total > limit) {
        const why =
          header !== undefined && header.fileBytes <= maxBytes
            ? `its IDX header declares shape [${header.shape.join(', ')}] of ${header.dtype}, ${header.fileBytes} bytes`
            : `a file of this data set has ${maxBytes} bytes`;
        throw new IdxFormatError(
          file,
          `the gzip stream inflates past ${limit} bytes (${why}): trailing data or a decompression bomb; ` +
            'stopped reading it',
        );
      }
    }
  } catch (cause) {
    if (cause instanceof IdxFormatError) throw cause;
    const why = cause instanceof Error ? cause.message : String(cause);
    throw new IdxFormatError(file, `corrupt or truncated gzip stream (${why})`, { cause });
  }
  return concatBytes(chunks);
}

/**
 * Parse an IDX file that may be gzip-compressed (see `inflateIdx`); every problem is an `IdxFormatError`.
 *
 * @param bytes - The file's bytes, gzip or not.
 * @param file - The name errors give.
 * @param gunzip - The platform's gunzip, as a stream of chunks.
 * @param maxBytes - Stop inflating past this many bytes (default: the header's declared size).
 * @example
 * ```ts
 * import { readFile } from 'node:fs/promises';
 * import { Readable } from 'node:stream';
 * import { createGunzip } from 'node:zlib';
 * import { decodeIdx, type Gunzip } from '@snn/data-mnist';
 * const gunzip: Gunzip = (bytes) => Readable.from([bytes]).pipe(createGunzip());
 * const path = 't10k-labels-idx1-ubyte.gz';
 * const labels = await decodeIdx(await readFile(path), path, gunzip); // shape [10000], uint8
 * ```
 */
export async function decodeIdx(
  bytes: Uint8Array,
  file: string,
  gunzip: Gunzip,
  maxBytes?: number,
): Promise<IdxArray> {
  return parseIdx(await inflateIdx(bytes, file, gunzip, maxBytes), file);
}

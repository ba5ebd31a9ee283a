import { IdxFormatError } from '../errors.js';
import { type IdxArray, parseIdx } from './parse-idx.js';

/** Platform gunzip: node:zlib in Node, DecompressionStream('gzip') in browsers. */
export type Gunzip = (bytes: Uint8Array) => Promise<Uint8Array>;

/** gzip streams start with 1f 8b (RFC 1952); IDX files start with 00 00. */
export function isGzip(bytes: Uint8Array): boolean {
  return bytes.length >= 2 && bytes[0] === 0x1f && bytes[1] === 0x8b;
}

/** Parse an IDX file that may be gzip-compressed; a broken gzip stream is an `IdxFormatError`. */
export async function decodeIdx(bytes: Uint8Array, file: string, gunzip: Gunzip): Promise<IdxArray> {
  if (!isGzip(bytes)) return parseIdx(bytes, file);
  let raw: Uint8Array;
  try {
    raw = await gunzip(bytes);
  } catch (cause) {
    const why = cause instanceof Error ? cause.message : String(cause);
    throw new IdxFormatError(file, `corrupt or truncated gzip stream (${why})`, { cause });
  }
  return parseIdx(raw, file);
}

// Platform-free: how one file of a data set is decoded and checked, wherever its bytes came from
// (a local folder, the cache, a download, a web server).
import { concatBytes } from './concat-bytes.js';
import type { ByteSink } from './download/download.js';
import { type HasherFactory, verifyBytes } from './download/hash.js';
import { ChecksumError } from './errors.js';
import { type Gunzip, inflateIdx, isGzip } from './idx/decode-idx.js';
import { type IdxArray, parseIdx } from './idx/parse-idx.js';
import { type DatasetSpec, type FileSpec, type SplitName, splitSpec } from './registry.js';

/** The platform's gunzip and hashers (node:zlib + node:crypto, or Web Streams + SubtleCrypto). */
export interface Platform {
  /** Inflates a gzip file. */
  readonly gunzip: Gunzip;
  /** Makes a hasher of an algorithm ('sha256'). */
  readonly hasher: HasherFactory;
}

/** The two files of a split: its images and its labels. */
export type FileKind = 'images' | 'labels';

/**
 * The exact size of a split file's IDX content: images [count, height, width] of uint8 (16-byte
 * header), labels [count] (8-byte header).
 *
 * @param spec - The dataset.
 * @param split - 'train' or 'test'.
 * @param kind - 'images' or 'labels'.
 * @example
 * ```ts
 * console.log(idxFileBytes(MNIST, 'test', 'images')); // 7840016: 16 + 10000 * 28 * 28
 * console.log(idxFileBytes(MNIST, 'test', 'labels')); // 10008
 * ```
 */
export function idxFileBytes(spec: DatasetSpec, split: SplitName, kind: FileKind): number {
  const { count } = splitSpec(spec, split);
  return kind === 'images' ? 16 + count * spec.height * spec.width : 8 + count;
}

/**
 * The most bytes a download of such a file may take: deflate never grows data by more than a few
 * bytes per 16 KiB block, plus the gzip header, so 0.1 % + 1 KiB over the content is generous.
 */
export function maxTransferBytes(idxBytes: number): number {
  return idxBytes + Math.ceil(idxBytes / 1000) + 1024;
}

/** Lower-case hex sha256 of `bytes`. */
async function sha256Hex(bytes: Uint8Array, hasher: HasherFactory): Promise<string> {
  const h = hasher('sha256');
  h.update(bytes);
  return h.digest();
}

export interface ReadFileOptions {
  /** Check the registered checksum (default true). */
  readonly verify?: boolean;
  /** The file's exact IDX size when known (`idxFileBytes`): inflation stops past it. */
  readonly idxBytes?: number;
}

/**
 * Decodes one file of a data set (gzip or uncompressed, told apart by its first bytes) and checks
 * that it holds the right data. The registry pins the sha256 of the decompressed IDX content, which
 * is what the data is: a copy re-compressed by a packager (Debian's dataset-fashion-mnist), served
 * decompressed by a web server or stored uncompressed (torchvision's `raw/` folders) passes, a
 * damaged or different one does not. Where only the published `.gz` digests are known (KMNIST),
 * a gzip file is checked against those and an uncompressed one is parsed and validated only.
 *
 * @param bytes - The file as read or downloaded, gzip or not.
 * @param file - Its spec (`splitSpec(spec, split).images` or `.labels`).
 * @param label - The name errors give.
 * @param platform - The gunzip and hashers to use.
 * @param options - verify: check the registered checksum (default true); idxBytes: the exact IDX size.
 * @example
 * ```ts
 * import { createHash } from 'node:crypto';
 * import { readFile } from 'node:fs/promises';
 * import { Readable } from 'node:stream';
 * import { createGunzip } from 'node:zlib';
 * import { MNIST, type Platform, readDatasetFile, splitSpec } from '@snn/data-mnist';
 * const platform: Platform = {
 *   gunzip: (bytes) => Readable.from([bytes]).pipe(createGunzip()),
 *   hasher: (algorithm) => {
 *     const h = createHash(algorithm);
 *     return { update: (chunk) => void h.update(chunk), digest: async () => h.digest('hex') };
 *   },
 * };
 * const spec = splitSpec(MNIST, 'test').labels; // t10k-labels-idx1-ubyte.gz
 * const labels = await readDatasetFile(await readFile(spec.name), spec, spec.name, platform);
 * ```
 */
export async function readDatasetFile(
  bytes: Uint8Array,
  file: FileSpec,
  label: string,
  platform: Platform,
  options: ReadFileOptions = {},
): Promise<IdxArray> {
  const idx = await inflateIdx(bytes, label, platform.gunzip, options.idxBytes);
  // Parsed first: a truncated or malformed file gets its specific message rather than a checksum's.
  const parsed = parseIdx(idx, label);
  if (options.verify !== false) {
    if (file.contentSha256 !== undefined) {
      const actual = await sha256Hex(idx, platform.hasher);
      if (actual !== file.contentSha256.toLowerCase()) {
        throw new ChecksumError(
          label,
          'sha256 (of the IDX content)',
          file.contentSha256.toLowerCase(),
          actual,
        );
      }
    } else if (isGzip(bytes)) {
      await verifyBytes(bytes, file, label, platform.hasher);
    }
  }
  return parsed;
}

/**
 * Wraps a download sink so that the bytes are decoded and checked (`readDatasetFile`) before the
 * download is accepted: a mirror serving wrong data fails its attempt (the next mirror is tried)
 * and nothing is committed.
 */
export function checkedSink<T>(
  inner: ByteSink<T>,
  check: (bytes: Uint8Array) => Promise<unknown>,
): ByteSink<T> {
  let chunks: Uint8Array[] = [];
  return {
    write: (chunk) => {
      chunks.push(chunk);
      return inner.write(chunk);
    },
    commit: async () => {
      const bytes = concatBytes(chunks);
      chunks = [];
      await check(bytes);
      return inner.commit();
    },
    abort: () => {
      chunks = [];
      return inner.abort();
    },
  };
}

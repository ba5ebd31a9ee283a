import { ChecksumError } from '../errors.js';
import type { FileSpec } from '../registry.js';

/** Digest algorithms a {@link FileSpec} can pin: `sha256`, or `md5` where only that is published. */
export type HashAlgorithm = 'sha256' | 'md5';

/**
 * Incremental digest; `digest` returns lower-case hex. Node uses node:crypto, browsers SubtleCrypto/noble.
 *
 * @example
 * ```ts
 * // sha256 through SubtleCrypto: keep the chunks, digest them at the end.
 * const chunks: Uint8Array<ArrayBuffer>[] = [];
 * const hasher: Hasher = {
 *   update: (chunk) => void chunks.push(chunk.slice()),
 *   digest: async () => {
 *     const bytes = await new Blob(chunks).arrayBuffer();
 *     const d = new Uint8Array(await crypto.subtle.digest('SHA-256', bytes));
 *     return Array.from(d, (x) => x.toString(16).padStart(2, '0')).join('');
 *   },
 * };
 * ```
 */
export interface Hasher {
  /** Feed the next chunk of the file, in order. */
  update(chunk: Uint8Array): void;
  /** The digest of every chunk fed so far, as lower-case hex; call once, after the last chunk. */
  digest(): Promise<string>;
}

/**
 * Makes a fresh {@link Hasher} for one algorithm; passed to {@link downloadVerified} and
 * {@link verifyBytes}. The browser entry point exports `webHasher` (SubtleCrypto, md5 via @noble/hashes).
 *
 * @example
 * ```ts
 * import { type HasherFactory, webHasher } from '@snn/data-mnist/browser';
 * // Log each digest a download computes, then let webHasher do the work.
 * const logged: HasherFactory = (algorithm) => {
 *   console.log(`checking ${algorithm}`);
 *   return webHasher(algorithm);
 * };
 * ```
 */
export type HasherFactory = (algorithm: HashAlgorithm) => Hasher;

/**
 * The digests a file must match: every algorithm the spec names (sha256 first).
 *
 * @param file - The file's spec (from the registry or your own).
 * @example
 * ```ts
 * const spec = { name: 'x.gz', md5: 'AB12', sha256: 'CD34' };
 * console.log(expectedDigests(spec)); // [['sha256', 'cd34'], ['md5', 'ab12']]
 * console.log(expectedDigests(splitSpec(MNIST, 'test').labels).length); // 0: MNIST pins the IDX content's sha256 (contentSha256) instead
 * ```
 */
export function expectedDigests(file: FileSpec): Array<[HashAlgorithm, string]> {
  const out: Array<[HashAlgorithm, string]> = [];
  if (file.sha256) out.push(['sha256', file.sha256.toLowerCase()]);
  if (file.md5) out.push(['md5', file.md5.toLowerCase()]);
  return out;
}

/** Feeds chunks to one hasher per expected digest and checks them all at the end. */
export class DigestChecker {
  private readonly hashers: Array<[HashAlgorithm, string, Hasher]>;

  constructor(
    file: FileSpec,
    private readonly label: string,
    createHasher: HasherFactory,
  ) {
    this.hashers = expectedDigests(file).map(([alg, hex]) => [alg, hex, createHasher(alg)]);
  }

  get active(): boolean {
    return this.hashers.length > 0;
  }

  update(chunk: Uint8Array): void {
    for (const [, , h] of this.hashers) h.update(chunk);
  }

  /** Throws `ChecksumError` on the first digest that differs. */
  async verify(): Promise<void> {
    for (const [alg, expected, h] of this.hashers) {
      const actual = await h.digest();
      if (actual !== expected) throw new ChecksumError(this.label, alg, expected, actual);
    }
  }
}

/**
 * Verify a whole file already in memory against its spec's digests (no-op when it has none); throws
 * a `ChecksumError` on the first that differs.
 *
 * @param bytes - The whole file.
 * @param file - The spec naming the expected digests.
 * @param label - The name the error gives.
 * @param createHasher - Makes a hasher per algorithm (node:crypto, SubtleCrypto, ...).
 * @example
 * ```ts
 * import { createHash } from 'node:crypto';
 * import { type HasherFactory, verifyBytes } from '@snn/data-mnist';
 * const nodeHasher: HasherFactory = (algorithm) => {
 *   const h = createHash(algorithm);
 *   return { update: (chunk) => void h.update(chunk), digest: async () => h.digest('hex') };
 * };
 * const bytes = new TextEncoder().encode('abc');
 * const sha256 = 'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad';
 * await verifyBytes(bytes, { name: 'abc', sha256 }, 'abc', nodeHasher); // passes; another digest throws
 * ```
 */
export async function verifyBytes(
  bytes: Uint8Array,
  file: FileSpec,
  label: string,
  createHasher: HasherFactory,
): Promise<void> {
  const checker = new DigestChecker(file, label, createHasher);
  checker.update(bytes);
  await checker.verify();
}

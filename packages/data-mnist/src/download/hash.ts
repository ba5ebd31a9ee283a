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

/** The digests a file must match: every algorithm the spec names (sha256 first). */
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

/** Verify a whole file already in memory against its spec's digests (no-op when it has none). */
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

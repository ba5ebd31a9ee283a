import { ChecksumError } from '../errors.js';
import type { FileSpec } from '../registry.js';

export type HashAlgorithm = 'sha256' | 'md5';

/** Incremental digest; `digest` returns lower-case hex. Node uses node:crypto, browsers SubtleCrypto/noble. */
export interface Hasher {
  update(chunk: Uint8Array): void;
  digest(): Promise<string>;
}

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

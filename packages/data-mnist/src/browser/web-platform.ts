import { md5 } from '@noble/hashes/legacy.js';
import { concatBytes } from '../concat-bytes.js';
import type { Platform } from '../dataset-file.js';
import type { ByteSink } from '../download/download.js';
import type { HasherFactory } from '../download/hash.js';
import type { Gunzip } from '../idx/decode-idx.js';

/**
 * gunzip with the Compression Streams API (all current browsers, Node >= 18, Deno, Bun), chunk by
 * chunk; leaving the consumer's loop cancels the stream (no more inflation).
 */
export const webGunzip: Gunzip = (bytes) => ({
  async *[Symbol.asyncIterator]() {
    const reader = new Blob([bytes as Uint8Array<ArrayBuffer>])
      .stream()
      .pipeThrough(new DecompressionStream('gzip'))
      .getReader();
    let done = false;
    try {
      for (;;) {
        const next = await reader.read();
        if (next.done) break;
        yield next.value;
      }
      done = true;
    } finally {
      if (!done) await reader.cancel().catch(() => undefined);
      reader.releaseLock();
    }
  },
});

/**
 * sha256 through SubtleCrypto (native; it has no incremental API, so chunks are kept and digested
 * once). md5, which SubtleCrypto lacks and Fashion-MNIST/KMNIST publish, through @noble/hashes.
 */
export const webHasher: HasherFactory = (algorithm) => {
  if (algorithm === 'md5') {
    const h = md5.create();
    return {
      update: (chunk) => {
        h.update(chunk);
      },
      digest: async () => toHex(h.digest()),
    };
  }
  const chunks: Uint8Array[] = [];
  return {
    update: (chunk) => {
      chunks.push(chunk);
    },
    digest: async () => toHex(new Uint8Array(await crypto.subtle.digest('SHA-256', concatBytes(chunks)))),
  };
};

/** Collects the body in memory; nothing is written anywhere, so abort just drops it. */
export async function openMemorySink(): Promise<ByteSink<Uint8Array>> {
  let chunks: Uint8Array[] = [];
  return {
    write: (chunk) => {
      chunks.push(chunk);
    },
    commit: async () => concatBytes(chunks),
    abort: async () => {
      chunks = [];
    },
  };
}

function toHex(bytes: Uint8Array): string {
  let s = '';
  for (const b of bytes) s += b.toString(16).padStart(2, '0');
  return s;
}

/** gunzip and hashers of the Web platform, as data set readers take them. */
export const WEB_PLATFORM: Platform = { gunzip: webGunzip, hasher: webHasher };

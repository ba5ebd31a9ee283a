import { createHash, randomBytes } from 'node:crypto';
import { open, rename, rm } from 'node:fs/promises';
import { dirname } from 'node:path';
import { createGunzip } from 'node:zlib';
import type { ByteSink } from '../download/download.js';
import type { HasherFactory } from '../download/hash.js';
import { DataMnistError } from '../errors.js';
import type { Gunzip } from '../idx/decode-idx.js';
import { makeDirectory } from './make-directory.js';

/** node:zlib's streaming gunzip; leaving the consumer's loop destroys the stream (no more inflation). */
export const nodeGunzip: Gunzip = (bytes) => {
  const stream = createGunzip();
  stream.end(bytes);
  return stream;
};

export const nodeHasher: HasherFactory = (algorithm) => {
  const hash = createHash(algorithm);
  return {
    update: (chunk) => {
      hash.update(chunk);
    },
    digest: async () => hash.digest('hex'),
  };
};

/** Name of the temporary file a download of `dest` is written to before the rename. */
export function partPath(dest: string): string {
  return `${dest}.${process.pid}-${randomBytes(4).toString('hex')}.part`;
}

/**
 * Writes to `<dest>.<pid>-<random>.part` and renames it to `dest` on commit (atomic on one file
 * system), so readers never see a half-written file under the real name.
 */
export async function openFileSink(dest: string): Promise<ByteSink<string>> {
  try {
    await makeDirectory(dirname(dest));
  } catch (e) {
    throw new DataMnistError(`cannot store the download in ${dirname(dest)}: ${(e as Error).message}`, {
      cause: e,
    });
  }
  const temp = partPath(dest);
  const handle = await open(temp, 'wx');
  let closed = false;
  const close = async () => {
    if (!closed) {
      closed = true;
      await handle.close();
    }
  };
  return {
    write: async (chunk) => {
      await handle.write(chunk);
    },
    commit: async () => {
      await handle.sync();
      await close();
      await rename(temp, dest);
      return dest;
    },
    abort: async () => {
      await close().catch(() => undefined);
      await rm(temp, { force: true });
    },
  };
}

import { randomBytes } from 'node:crypto';
import { appendFile, mkdir, open, readFile, rename, rm } from 'node:fs/promises';
import { dirname } from 'node:path';
import type { CheckpointStore } from '../training/checkpoint.js';
import type { MetricsRecord } from '../training/fit.js';

/** Writes `bytes` to `path` atomically: a temp file in the same directory, fsync, then rename over. */
export async function writeFileAtomic(path: string, bytes: Uint8Array): Promise<void> {
  await mkdir(dirname(path), { recursive: true });
  const tmp = `${path}.tmp-${process.pid}-${randomBytes(4).toString('hex')}`;
  const fh = await open(tmp, 'w');
  try {
    await fh.writeFile(bytes);
    await fh.sync();
  } catch (e) {
    await fh.close();
    await rm(tmp, { force: true });
    throw e;
  }
  await fh.close();
  try {
    await rename(tmp, path);
  } catch (e) {
    await rm(tmp, { force: true });
    throw e;
  }
}

/** A checkpoint file: `save` is atomic (a crash leaves the previous checkpoint whole), `load` is null when absent. */
export function fileCheckpointStore(path: string): CheckpointStore {
  return {
    save: (bytes) => writeFileAtomic(path, bytes),
    async load() {
      try {
        return new Uint8Array(await readFile(path));
      } catch (e) {
        if ((e as NodeJS.ErrnoException).code === 'ENOENT') return null;
        throw e;
      }
    },
  };
}

/** A `fit` log sink appending one JSON object per line to `path`. */
export function jsonLinesFile(path: string): (record: MetricsRecord) => Promise<void> {
  let ready: Promise<unknown> | null = null;
  return async (record) => {
    ready ??= mkdir(dirname(path), { recursive: true });
    await ready;
    await appendFile(path, `${JSON.stringify(record)}\n`);
  };
}

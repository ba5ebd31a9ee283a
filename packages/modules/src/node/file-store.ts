import { randomBytes } from 'node:crypto';
import { appendFile, open, readdir, readFile, rename, rm } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import type { CheckpointStore } from '../training/checkpoint.js';
import type { MetricsRecord } from '../training/fit.js';
import { makeDirectory } from './make-directory.js';

const TMP = /^(.*)\.tmp-(\d+)-[0-9a-f]{8}$/;

function processIsAlive(pid: number): boolean {
  try {
    process.kill(pid, 0); // signal 0: nothing is sent, only the existence check is made
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * Removes the temp files an earlier write of `path` left behind when its process was killed between
 * creating and renaming them (their names carry the writer's pid; files of live writers stay).
 */
async function removeOrphans(path: string): Promise<void> {
  const name = basename(path);
  for (const entry of await readdir(dirname(path)).catch(() => [] as string[])) {
    const m = TMP.exec(entry);
    if (!m || m[1] !== name || Number(m[2]) === process.pid || processIsAlive(Number(m[2]))) continue;
    await rm(join(dirname(path), entry), { force: true });
  }
}

/**
 * Writes `bytes` to `path` atomically: a temp file in the same directory, fsync, then rename over.
 * Temp files of earlier writes whose process died are removed afterwards.
 */
export async function writeFileAtomic(path: string, bytes: Uint8Array): Promise<void> {
  await makeDirectory(dirname(path));
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
  await removeOrphans(path);
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
    ready ??= makeDirectory(dirname(path));
    await ready;
    await appendFile(path, `${JSON.stringify(record)}\n`);
  };
}

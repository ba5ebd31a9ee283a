import { spawnSync } from 'node:child_process';
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { jsonLinesFile, writeFileAtomic } from './file-store.js';
import { makeDirectory } from './make-directory.js';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'snn-file-store-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

/** The pid of a process that has exited (a writer killed mid-write leaves files named after it). */
function deadPid(): number {
  const child = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], {
    encoding: 'utf8',
  });
  return Number(child.stdout);
}

describe('writeFileAtomic', () => {
  it('removes the temp files a killed write of the same file left, and nothing else', async () => {
    const path = join(dir, 'checkpoint.safetensors');
    const dead = deadPid();
    const orphan = `checkpoint.safetensors.tmp-${dead}-0badc0de`;
    const live = `checkpoint.safetensors.tmp-${process.ppid}-cafef00d`; // a live writer's
    const other = `metrics.jsonl.tmp-${dead}-0badc0de`; // another file's
    for (const f of [orphan, live, other]) await writeFile(join(dir, f), 'partial');
    await writeFileAtomic(path, new Uint8Array([1, 2, 3]));
    expect((await readdir(dir)).sort()).toEqual(['checkpoint.safetensors', live, other].sort());
    expect([...(await readFile(path))]).toEqual([1, 2, 3]);
  });

  it('fails at once, never hangs, where a folder cannot be made (under /proc recursive mkdir loops)', async () => {
    const t0 = performance.now();
    await expect(
      writeFileAtomic('/proc/snn-no-such/run/ckpt.safetensors', new Uint8Array(1)),
    ).rejects.toThrow('cannot create /proc/snn-no-such/run: making /proc/snn-no-such failed (ENOENT)');
    await expect(
      jsonLinesFile('/proc/snn-no-such/metrics.jsonl')({ type: 'batch' } as never),
    ).rejects.toThrow(/making \/proc\/snn-no-such failed/);
    expect(performance.now() - t0).toBeLessThan(2000);
  });
});

describe('makeDirectory', () => {
  it('makes every missing level, accepts an existing folder, and names a file in the way', async () => {
    await makeDirectory(join(dir, 'a', 'b', 'c'));
    await makeDirectory(join(dir, 'a', 'b', 'c'));
    expect(await readdir(join(dir, 'a', 'b'))).toEqual(['c']);
    await writeFile(join(dir, 'file'), '');
    await expect(makeDirectory(join(dir, 'file', 'sub'))).rejects.toThrow(
      `cannot create ${join(dir, 'file', 'sub')}: ${join(dir, 'file')} is not a directory`,
    );
  });
});

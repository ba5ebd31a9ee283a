import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync, gzipSync } from 'node:zlib';
import { ChecksumError, DataMnistError, DataNotFoundError, DatasetError, IdxFormatError } from '../errors.js';
import { encodeIdx } from '../idx/encode-idx.js';
import { EMNIST, MNIST } from '../registry.js';
import { FixtureServer } from '../test-utils/fixture-server.js';
import { tinyDataset } from '../test-utils/tiny-dataset.js';
import { defaultCacheRoot } from './cache-dir.js';
import { loadDataset, loadDatasetSplits, loadIdxPair, resolveDatasetFiles } from './load-dataset.js';

let root: string;
beforeEach(async () => {
  root = await mkdtemp(join(tmpdir(), 'snn-load-'));
});
afterEach(async () => {
  await rm(root, { recursive: true, force: true });
});

async function writeFiles(dir: string, files: Record<string, Uint8Array>): Promise<void> {
  await mkdir(dir, { recursive: true });
  for (const [name, bytes] of Object.entries(files)) await writeFile(join(dir, name), bytes);
}

const offline = { download: false, env: {} } as const;

describe('source resolution', () => {
  it('prefers dataDir, then the env variable, then the cache', async () => {
    const { spec, files } = tinyDataset();
    const [a, b, c] = ['a', 'b', 'c'].map((d) => join(root, d));
    await writeFiles(a, files);
    await writeFiles(b, files);
    await writeFiles(join(c, 'tiny'), files);
    const env = { SNN_TINY_DIR: b };
    const pick = async (opts: object) =>
      (await resolveDatasetFiles(spec, { ...offline, cacheDir: c, ...opts })).images;
    expect(await pick({ dataDir: a, env })).toBe(join(a, spec.splits.train.images.name));
    expect(await pick({ env })).toBe(join(b, spec.splits.train.images.name));
    expect(await pick({})).toBe(join(c, 'tiny', spec.splits.train.images.name));
    // XDG_CACHE_HOME decides the default cache root
    expect(defaultCacheRoot({ XDG_CACHE_HOME: c })).toBe(join(c, 'snn'));
  });

  it('accepts uncompressed files and a <dir>/<dataset id> sub-folder', async () => {
    const { spec, files } = tinyDataset();
    const raw = Object.fromEntries(
      Object.entries(files).map(([n, b]) => [n.slice(0, -3), new Uint8Array(gunzipSync(b))]),
    );
    await writeFiles(join(root, 'tiny'), raw);
    const ds = await loadDataset(spec, { ...offline, dataDir: root, cacheDir: root, split: 'test' });
    expect(ds.length).toBe(10);
    expect(ds.classCounts()).toEqual(new Array(10).fill(1));
  });

  it('offline with no data: one error that lists every place and says what to do', async () => {
    const error = await loadDataset(MNIST, { download: false, env: {}, cacheDir: join(root, 'cache') }).catch(
      (e) => e,
    );
    expect(error).toBeInstanceOf(DataNotFoundError);
    const msg = (error as Error).message;
    expect(msg).toContain(
      'MNIST train files not found: need train-images-idx3-ubyte.gz and train-labels-idx1-ubyte.gz',
    );
    expect(msg).toContain('dataDir option: not set');
    expect(msg).toContain('SNN_MNIST_DIR: not set');
    expect(msg).toContain(join(root, 'cache', 'mnist'));
    expect(msg).toContain('set SNN_MNIST_DIR=/path/to/folder');
  });

  it('when every mirror fails, the same error names each URL once, with its last failure', async () => {
    const server = await new FixtureServer().start();
    try {
      const { spec, files } = tinyDataset([server.url('404'), server.url('500')]);
      for (const [n, b] of Object.entries(files)) server.add(n, b);
      const error = await loadDataset(spec, { env: {}, cacheDir: root, retries: 2, retryDelayMs: 1 }).catch(
        (e) => e,
      );
      expect(error).toBeInstanceOf(DataNotFoundError);
      const msg = (error as Error).message;
      expect(msg).toContain('download of tiny-train-images-idx3-ubyte.gz failed:');
      expect(msg).toContain(`${server.url('404')}tiny-train-images-idx3-ubyte.gz: HTTP 404`);
      // The 500 mirror was tried three times (two retries) and is listed once.
      expect(server.requests.filter((r) => r.startsWith('/500/'))).toHaveLength(3);
      expect(msg.split(`${server.url('500')}tiny-train-images-idx3-ubyte.gz`)).toHaveLength(2);
      expect(msg).toContain('HTTP 500 Internal Server Error (3 tries)');
      expect((error as DataNotFoundError).details?.download).toHaveLength(3);
      expect(await readdir(join(root, 'tiny')).catch(() => [])).toEqual([]);
    } finally {
      await server.stop();
    }
  });

  it('EMNIST, which has no per-file download, says how to get the files', async () => {
    const error = await loadDataset(EMNIST.letters, { env: {}, cacheDir: root }).catch((e) => e);
    expect(error).toBeInstanceOf(DataNotFoundError);
    expect((error as Error).message).toContain('emnist-letters-train-images-idx3-ubyte.gz');
    expect((error as Error).message).toContain('gzip.zip');
    expect((error as Error).message).toContain('SNN_EMNIST_DIR');
  });
});

describe('download into the cache', () => {
  let server: FixtureServer;
  beforeAll(async () => {
    server = await new FixtureServer().start();
  });
  afterAll(async () => {
    await server.stop();
  });

  it('downloads both splits through a 404 mirror then a good one, and reuses the cache next time', async () => {
    const { spec, files } = tinyDataset();
    for (const [n, b] of Object.entries(files)) server.add(n, b);
    const mirrored = { ...spec, mirrors: [server.url('404'), server.url('ok')] };
    const seen: string[] = [];
    const { train, test } = await loadDatasetSplits(mirrored, {
      env: {},
      cacheDir: root,
      onProgress: (p) => seen.push(p.file),
    });
    expect(train.length).toBe(30);
    expect(test.length).toBe(10);
    expect(new Set(seen).size).toBe(4);
    expect((await readdir(join(root, 'tiny'))).sort()).toEqual(Object.keys(files).sort());
    const before = server.requests.length;
    await loadDataset(mirrored, { env: {}, cacheDir: root });
    expect(server.requests.length).toBe(before); // served from the cache
  });
});

describe('downloads are bounded by the file size the data set implies', () => {
  it('an endless body is cut off past the file size and the next mirror serves the file', async () => {
    const server = await new FixtureServer().start();
    try {
      const { spec, files } = tinyDataset();
      for (const [n, b] of Object.entries(files)) server.add(n, b);
      const mirrored = { ...spec, mirrors: [server.url('endless'), server.url('ok')] };
      const ds = await loadDataset(mirrored, { env: {}, cacheDir: root, split: 'test' });
      expect(ds.length).toBe(10);
      expect(server.requests.filter((r) => r.startsWith('/endless/'))).toHaveLength(2); // once per file
    } finally {
      await server.stop();
    }
  });
});

describe('a cache folder that cannot be made', () => {
  it('fails at once with the folder named (recursive mkdir would loop forever under /proc)', async () => {
    const server = await new FixtureServer().start();
    try {
      const { spec, files } = tinyDataset();
      for (const [n, b] of Object.entries(files)) server.add(n, b);
      const t0 = performance.now();
      const error = await loadDataset(
        { ...spec, mirrors: [server.url('ok')] },
        { env: {}, cacheDir: '/proc/snn-no-such/cache', retries: 0 },
      ).catch((e) => e);
      expect(performance.now() - t0).toBeLessThan(5000);
      expect(error).toBeInstanceOf(DataMnistError);
      expect(error.message).toBe(
        'cannot store the download in /proc/snn-no-such/cache/tiny: cannot create /proc/snn-no-such/cache/tiny: ' +
          'making /proc/snn-no-such failed (ENOENT)',
      );
    } finally {
      await server.stop();
    }
  });
});

describe('a damaged cache', () => {
  it('replaces a cached file whose checksum no longer matches, but never a user file', async () => {
    const server = await new FixtureServer().start();
    try {
      const { spec, files } = tinyDataset();
      for (const [n, b] of Object.entries(files)) server.add(n, b);
      const mirrored = { ...spec, mirrors: [server.url('ok')] };
      const name = spec.splits.train.labels.name;
      // A valid gzip of other content: only the checksum can tell.
      const content = new Uint8Array(gunzipSync(files[name]));
      content[content.length - 1] ^= 1;
      const damaged = new Uint8Array(gzipSync(content));
      await writeFiles(join(root, 'cache', 'tiny'), { ...files, [name]: damaged });
      const ds = await loadDataset(mirrored, { env: {}, cacheDir: join(root, 'cache') });
      expect(ds.length).toBe(30);
      expect(server.requests).toEqual([`/ok/${name}`]);
      expect(new Uint8Array(await readFile(join(root, 'cache', 'tiny', name)))).toEqual(files[name]);
      // the same damage in a user's dataDir is an error, and the file stays
      await writeFiles(join(root, 'mine'), { ...files, [name]: damaged });
      const error = await loadDataset(mirrored, {
        env: {},
        cacheDir: join(root, 'cache'),
        dataDir: join(root, 'mine'),
      }).catch((e) => e);
      expect(error).toBeInstanceOf(ChecksumError);
      expect(new Uint8Array(await readFile(join(root, 'mine', name)))).toEqual(damaged);
    } finally {
      await server.stop();
    }
  });
});

describe('validation of local files', () => {
  it('accepts a copy compressed by someone else (same IDX content, other .gz bytes), as Debian ships Fashion-MNIST', async () => {
    const { spec, files } = tinyDataset();
    const regzipped = Object.fromEntries(
      Object.entries(files).map(([n, b]) => [n, new Uint8Array(gzipSync(gunzipSync(b), { level: 1 }))]),
    );
    for (const n of Object.keys(files)) expect(regzipped[n]).not.toEqual(files[n]);
    await writeFiles(root, regzipped);
    const ds = await loadDataset(spec, { ...offline, dataDir: root, cacheDir: root });
    expect(ds.length).toBe(30);
  });

  it('rejects a local file whose IDX content differs, gzip or uncompressed, naming the file', async () => {
    const { spec, files } = tinyDataset();
    const name = spec.splits.train.images.name;
    const content = new Uint8Array(gunzipSync(files[name]));
    content[content.length - 1] ^= 1; // one pixel
    for (const [fileName, bytes] of [
      [name, new Uint8Array(gzipSync(content))],
      [name.slice(0, -3), content],
    ] as const) {
      const dir = join(root, fileName);
      const { [name]: _good, ...others } = files;
      await writeFiles(dir, { ...others, [fileName]: bytes });
      const error = await loadDataset(spec, { ...offline, dataDir: dir, cacheDir: root }).catch((e) => e);
      expect(error).toBeInstanceOf(ChecksumError);
      expect((error as Error).message).toContain(
        `${join(dir, fileName)}: sha256 (of the IDX content) checksum mismatch`,
      );
    }
    // verify: false trusts the file
    const dir = join(root, name.slice(0, -3));
    const ds = await loadDataset(spec, { ...offline, dataDir: dir, cacheDir: root, verify: false });
    expect(ds.length).toBe(30);
  });

  it('where only the .gz digests are known (KMNIST), a re-compressed copy fails them', async () => {
    const { spec, files } = tinyDataset([], undefined, 'gzip');
    const name = spec.splits.train.images.name;
    await writeFiles(root, {
      ...files,
      [name]: new Uint8Array(gzipSync(gunzipSync(files[name]), { level: 1 })),
    });
    const error = await loadDataset(spec, { ...offline, dataDir: root, cacheDir: root }).catch((e) => e);
    expect(error).toBeInstanceOf(ChecksumError);
    expect((error as Error).message).toContain(`${join(root, name)}: sha256 checksum mismatch`);
  });

  it('a corrupt gzip stream is an IdxFormatError naming the file', async () => {
    const { spec, files } = tinyDataset();
    const name = spec.splits.train.labels.name;
    const damaged = new Uint8Array(files[name]);
    damaged[damaged.length - 5] ^= 1; // the CRC no longer matches
    await writeFiles(root, { ...files, [name]: damaged });
    const error = await loadDataset(spec, { ...offline, dataDir: root, cacheDir: root }).catch((e) => e);
    expect(error).toBeInstanceOf(IdxFormatError);
    expect((error as Error).message).toContain(`${join(root, name)}: corrupt or truncated gzip stream`);
  });

  it('rejects image/label count mismatches, labels > 9 and wrong counts', async () => {
    const img = (n: number) => encodeIdx('uint8', [n, 2, 2], new Array(n * 4).fill(1));
    const lab = (values: number[]) => encodeIdx('uint8', [values.length], values);
    const p = (n: string) => join(root, n);
    await writeFiles(root, {
      'i5.idx': img(5),
      'l4.idx': lab([0, 1, 2, 3]),
      'l5bad.idx': lab([0, 1, 10, 3, 4]),
      'l5.idx': lab([0, 1, 9, 3, 4]),
      'f.idx': encodeIdx('float32', [5, 2, 2], new Array(20).fill(0)),
    });
    await expect(loadIdxPair(p('i5.idx'), p('l4.idx'))).rejects.toThrow(
      `image/label count mismatch: ${p('i5.idx')} has 5 images, ${p('l4.idx')} has 4 labels`,
    );
    await expect(loadIdxPair(p('i5.idx'), p('l5bad.idx'))).rejects.toThrow(
      `${p('l5bad.idx')}: label 10 at index 2 is outside [0, 9]`,
    );
    await expect(loadIdxPair(p('f.idx'), p('l5.idx'))).rejects.toThrow(DatasetError);
    await expect(loadIdxPair(p('l5.idx'), p('i5.idx'))).rejects.toThrow(/expected an images file/);
    const ok = await loadIdxPair(p('i5.idx'), p('l5.idx'));
    expect(ok.length).toBe(5);
    expect(ok.stats).toBeUndefined();
  });

  it('a truncated local file is an IdxFormatError naming it', async () => {
    const { spec, files } = tinyDataset();
    const name = spec.splits.train.labels.name;
    const raw = gunzipSync(files[name]);
    await writeFiles(root, {
      [spec.splits.train.images.name]: files[spec.splits.train.images.name],
      [name.slice(0, -3)]: new Uint8Array(raw.subarray(0, raw.length - 1)),
    });
    const error = await loadDataset(spec, { ...offline, dataDir: root, cacheDir: root }).catch((e) => e);
    expect(error).toBeInstanceOf(IdxFormatError);
    expect((error as Error).message).toContain(`${join(root, name.slice(0, -3))}: truncated`);
  });

  it('transposes EMNIST images into MNIST orientation', async () => {
    const spec = EMNIST.mnist;
    const n = spec.splits.test.count;
    const pixels = new Uint8Array(n * 784);
    pixels[1] = 200; // row 0, column 1 in the file
    await writeFiles(root, {
      [spec.splits.test.images.name.slice(0, -3)]: encodeIdx('uint8', [n, 28, 28], pixels),
      [spec.splits.test.labels.name.slice(0, -3)]: encodeIdx('uint8', [n], new Uint8Array(n)),
    });
    const ds = await loadDataset(spec, { ...offline, dataDir: root, cacheDir: root, split: 'test' });
    expect(ds.images[28]).toBe(200); // row 1, column 0
    expect(ds.images[1]).toBe(0);
  });
});

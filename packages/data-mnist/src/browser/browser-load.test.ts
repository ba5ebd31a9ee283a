import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { DataNotFoundError, IdxFormatError } from '../errors.js';
import { encodeIdx } from '../idx/encode-idx.js';
import { MNIST } from '../registry.js';
import { FixtureServer, md5Hex, sha256Hex } from '../test-utils/fixture-server.js';
import { itWithMnist, realMnistDir } from '../test-utils/real-data.js';
import { tinyDataset } from '../test-utils/tiny-dataset.js';
import { loadDataset, loadIdxFromUrl } from './load-dataset.js';
import { webGunzip, webHasher } from './web-platform.js';

const here = dirname(fileURLToPath(import.meta.url));

let server: FixtureServer;
beforeAll(async () => {
  server = await new FixtureServer().start();
});
afterAll(async () => {
  await server.stop();
});

describe('browser platform pieces (run in Node, which has the same Web APIs)', () => {
  it('webHasher sha256 (SubtleCrypto) and md5 (@noble/hashes) agree with node:crypto over chunks', async () => {
    const data = new Uint8Array(100_003).map((_, i) => (i * 31) % 256);
    for (const [alg, ref] of [
      ['sha256', sha256Hex],
      ['md5', md5Hex],
    ] as const) {
      const h = webHasher(alg);
      for (let o = 0; o < data.length; o += 4096) h.update(data.subarray(o, o + 4096));
      expect(await h.digest()).toBe(ref(data));
    }
  });

  it('webGunzip inflates gzip and rejects a broken stream', async () => {
    const raw = encodeIdx('uint8', [3], [1, 2, 3]);
    expect(await webGunzip(new Uint8Array(gzipSync(raw)))).toEqual(raw);
    await expect(webGunzip(new Uint8Array([0x1f, 0x8b, 8, 0, 1, 2, 3]))).rejects.toBeDefined();
  });

  it('the browser entry imports no node: module', () => {
    const seen = new Set<string>();
    const visit = (file: string) => {
      if (seen.has(file)) return;
      seen.add(file);
      const src = readFileSync(file, 'utf8');
      expect(src).not.toMatch(/from ['"]node:/);
      for (const m of src.matchAll(/from '(\.{1,2}\/[^']+)\.js'/g))
        visit(resolve(dirname(file), `${m[1]}.ts`));
    };
    visit(join(here, 'index.ts'));
    expect(seen.size).toBeGreaterThan(8);
  });
});

describe('browser loadDataset over fetch', () => {
  it('loads a split from baseUrl, verifying checksums', async () => {
    const { spec, files } = tinyDataset();
    for (const [n, b] of Object.entries(files)) server.add(n, b);
    const ds = await loadDataset(spec, { baseUrl: server.url('ok'), split: 'test' });
    expect(ds.length).toBe(10);
    expect(ds.classCounts()).toEqual(new Array(10).fill(1));
  });

  it('falls through a 404 and a wrong-checksum mirror', async () => {
    const { spec, files } = tinyDataset();
    for (const [n, b] of Object.entries(files)) server.add(n, b);
    const ds = await loadDataset(
      { ...spec, mirrors: [server.url('wrong'), server.url('ok')] },
      { baseUrl: server.url('404'), retries: 0 },
    );
    expect(ds.length).toBe(30);
  });

  it('fails with one DataNotFoundError that lists the attempts and says how to fix it', async () => {
    const { spec, files } = tinyDataset();
    for (const [n, b] of Object.entries(files)) server.add(n, b);
    const error = await loadDataset(spec, {
      baseUrl: [server.url('wrong'), server.url('stall')],
      timeoutMs: 150,
      retries: 0,
    }).catch((e) => e);
    expect(error).toBeInstanceOf(DataNotFoundError);
    expect(error.message).toContain('checksum mismatch');
    expect(error.message).toContain('stalled');
    expect(error.message).toContain('baseUrl');
    expect(error.cause.attempts).toHaveLength(2);
  });

  it('loadIdxFromUrl parses raw or gzip IDX and reports format errors', async () => {
    server.add('raw.idx', encodeIdx('int16', [2], [-1, 300]));
    server.add('bad.idx', Uint8Array.from([0, 0, 8, 1, 0, 0, 0, 5, 1]));
    const idx = await loadIdxFromUrl(`${server.url('ok')}raw.idx`);
    expect(Array.from(idx.data)).toEqual([-1, 300]);
    await expect(loadIdxFromUrl(`${server.url('ok')}bad.idx`)).rejects.toThrow(IdxFormatError);
  });

  itWithMnist(
    'loads the real MNIST test set through fetch + DecompressionStream + SubtleCrypto',
    async () => {
      const dir = realMnistDir();
      for (const name of readdirSync(dir).filter((n) => n.startsWith('t10k'))) {
        server.add(name, new Uint8Array(readFileSync(join(dir, name))));
      }
      const test = await loadDataset(MNIST, { baseUrl: server.url('ok'), useMirrors: false, split: 'test' });
      expect(test.length).toBe(10000);
      expect(test.classCounts()).toEqual([980, 1135, 1032, 1010, 982, 892, 958, 1028, 974, 1009]);
      // a registry checksum that does not match is caught before parsing
      const tampered = {
        ...MNIST,
        splits: {
          ...MNIST.splits,
          test: { ...MNIST.splits.test, labels: { ...MNIST.splits.test.labels, md5: '0'.repeat(32) } },
        },
      };
      const error = await loadDataset(tampered, {
        baseUrl: server.url('ok'),
        useMirrors: false,
        split: 'test',
      }).catch((e) => e);
      expect(error).toBeInstanceOf(DataNotFoundError);
      expect(error.cause.attempts[0]).toContain('md5 checksum mismatch');
    },
  );
});

import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { DataNotFoundError, IdxFormatError } from '../errors.js';
import { encodeIdx } from '../idx/encode-idx.js';
import { loadDatasetSplits as nodeLoadDatasetSplits } from '../node/load-dataset.js';
import { MNIST } from '../registry.js';
import { FixtureServer, md5Hex, sha256Hex } from '../test-utils/fixture-server.js';
import { itWithMnist, realMnistDir } from '../test-utils/real-data.js';
import { tinyDataset } from '../test-utils/tiny-dataset.js';
import { loadDataset, loadDatasetSplits, loadIdxFromUrl } from './load-dataset.js';
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
    const inflate = async (bytes: Uint8Array) => {
      const chunks: Uint8Array[] = [];
      for await (const c of webGunzip(bytes)) chunks.push(c);
      return new Uint8Array(chunks.flatMap((c) => [...c]));
    };
    expect(await inflate(new Uint8Array(gzipSync(raw)))).toEqual(raw);
    await expect(inflate(new Uint8Array([0x1f, 0x8b, 8, 0, 1, 2, 3]))).rejects.toBeDefined();
  });

  it('the browser entry imports no node: module', () => {
    const seen = new Set<string>();
    const visit = (file: string) => {
      if (seen.has(file)) return;
      seen.add(file);
      // Block comments hold TSDoc @examples, which may show Node usage: only the code counts.
      const code = readFileSync(file, 'utf8').replace(/\/\*[\s\S]*?\*\//g, '');
      expect(code).not.toMatch(/from ['"]node:/);
      for (const m of code.matchAll(/from '(\.{1,2}\/[^']+)\.js'/g))
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

  it('accepts a mirror serving the same content compressed differently', async () => {
    const { spec, files } = tinyDataset();
    for (const [n, b] of Object.entries(files)) server.add(n, b);
    const ds = await loadDataset(spec, { baseUrl: server.url('recompressed'), useMirrors: false });
    expect(ds.length).toBe(30);
  });

  it('falls through a 404 and a wrong-checksum mirror', async () => {
    const { spec, files } = tinyDataset();
    for (const [n, b] of Object.entries(files)) server.add(n, b);
    const ds = await loadDataset(
      { ...spec, mirrors: [server.url('tampered'), server.url('wrong'), server.url('ok')] },
      { baseUrl: server.url('404'), retries: 0 },
    );
    expect(ds.length).toBe(30);
  });

  it('fails with one DataNotFoundError that lists the attempts and says how to fix it', async () => {
    const { spec, files } = tinyDataset();
    for (const [n, b] of Object.entries(files)) server.add(n, b);
    const error = await loadDataset(spec, {
      baseUrl: [server.url('tampered'), server.url('stall')],
      timeoutMs: 150,
      retries: 0,
    }).catch((e) => e);
    expect(error).toBeInstanceOf(DataNotFoundError);
    expect(error.message).toContain('sha256 (of the IDX content) checksum mismatch');
    expect(error.message).toContain('stalled');
    expect(error.message).toContain('baseUrl');
    expect(error.cause.attempts).toHaveLength(2);
  });

  it('loads both splits as the Node entry point does: train then test, images then labels, one at a time', async () => {
    const { spec, files } = tinyDataset();
    for (const [n, b] of Object.entries(files)) server.add(n, b);
    server.requests.length = 0;
    const web = await loadDatasetSplits(spec, { baseUrl: server.url('ok'), useMirrors: false });
    const webOrder = server.requests.splice(0);
    const cache = mkdtempSync(join(tmpdir(), 'snn-order-'));
    try {
      const node = await nodeLoadDatasetSplits(
        { ...spec, mirrors: [server.url('ok')] },
        { env: {}, cacheDir: cache },
      );
      expect(server.requests).toEqual(webOrder);
      expect(node.train.labels).toEqual(web.train.labels);
    } finally {
      rmSync(cache, { recursive: true, force: true });
    }
    const [trainImages, trainLabels, testImages, testLabels] = ['train', 'test'].flatMap((part) =>
      ['images-idx3', 'labels-idx1'].map((kind) => `/ok/tiny-${part}-${kind}-ubyte.gz`),
    );
    expect(webOrder).toEqual([trainImages, trainLabels, testImages, testLabels]);
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
      // re-compressed by someone else: other bytes, the same (pinned) content
      const again = await loadDataset(MNIST, {
        baseUrl: server.url('recompressed'),
        useMirrors: false,
        split: 'test',
      });
      expect(again.labels).toEqual(test.labels);
      // a registry checksum that does not match is caught
      const tampered = {
        ...MNIST,
        splits: {
          ...MNIST.splits,
          test: {
            ...MNIST.splits.test,
            labels: { ...MNIST.splits.test.labels, contentSha256: '0'.repeat(64) },
          },
        },
      };
      const error = await loadDataset(tampered, {
        baseUrl: server.url('ok'),
        useMirrors: false,
        split: 'test',
      }).catch((e) => e);
      expect(error).toBeInstanceOf(DataNotFoundError);
      expect(error.cause.attempts[0]).toContain('sha256 (of the IDX content) checksum mismatch');
    },
  );
});

import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { gunzipSync, gzipSync } from 'node:zlib';
import { ChecksumError } from '../errors.js';
import { DataLoader } from '../loader/data-loader.js';
import { describeWithMnist } from '../test-utils/real-data.js';
import { loadDataset, loadMnist } from './load-dataset.js';

const TRAIN_COUNTS = [5923, 6742, 5958, 6131, 5842, 5421, 5918, 6265, 5851, 5949];
const TEST_COUNTS = [980, 1135, 1032, 1010, 982, 892, 958, 1028, 974, 1009];

describeWithMnist('real MNIST files', (dir) => {
  // An empty cache and env: the files must come from dataDir, and nothing may be downloaded.
  const base = { dataDir: dir, env: {}, cacheDir: '/nonexistent-cache', download: false } as const;

  it('loads 60000 train images with the published per-class counts, checksums verified', async () => {
    const t0 = performance.now();
    const train = await loadMnist({ ...base, split: 'train' });
    const ms = performance.now() - t0;
    console.log(`MNIST train: gunzip, content sha256 and parse of 60000 images took ${ms.toFixed(0)} ms`);
    expect(train.length).toBe(60000);
    expect(train.height).toBe(28);
    expect(train.width).toBe(28);
    expect(train.images.length).toBe(60000 * 784);
    expect(train.classCounts()).toEqual(TRAIN_COUNTS);
    // the well-known normalisation constants are this set's statistics
    const { mean, std } = train.pixelStats();
    expect(mean).toBeCloseTo(0.1307, 4);
    expect(std).toBeCloseTo(0.3081, 4);
    expect(train.stats).toEqual({ mean: 0.1307, std: 0.3081 });
  });

  it('loads 10000 test images with the published per-class counts', async () => {
    const test = await loadDataset('mnist', { ...base, split: 'test' });
    expect(test.length).toBe(10000);
    expect(test.classCounts()).toEqual(TEST_COUNTS);
    // first test labels of MNIST: 7 2 1 0 4 1 4 9 5 9
    expect(Array.from(test.labels.subarray(0, 10))).toEqual([7, 2, 1, 0, 4, 1, 4, 9, 5, 9]);
  });

  it('accepts the files re-compressed (as Debian repackages data sets) or uncompressed: the content is pinned', async () => {
    const tmp = await mkdtemp(join(tmpdir(), 'snn-regzip-'));
    try {
      const images = gunzipSync(await readFile(join(dir, 't10k-images-idx3-ubyte.gz')));
      const labels = gunzipSync(await readFile(join(dir, 't10k-labels-idx1-ubyte.gz')));
      const regzipped = gzipSync(images, { level: 1 });
      // Buffer.equals: jest's toEqual walks megabytes element by element (seconds on a loaded machine).
      expect(regzipped.equals(await readFile(join(dir, 't10k-images-idx3-ubyte.gz')))).toBe(false);
      await writeFile(join(tmp, 't10k-images-idx3-ubyte.gz'), regzipped);
      await writeFile(join(tmp, 't10k-labels-idx1-ubyte'), labels); // torchvision's raw/ keeps these
      const test = await loadMnist({ ...base, dataDir: tmp, split: 'test' });
      expect(test.length).toBe(10000);
      expect(Array.from(test.labels.subarray(0, 10))).toEqual([7, 2, 1, 0, 4, 1, 4, 9, 5, 9]);
      // one pixel changed, validly compressed: only the content checksum can tell
      images[images.length - 1] ^= 1;
      await writeFile(join(tmp, 't10k-images-idx3-ubyte.gz'), gzipSync(images, { level: 1 }));
      const error = await loadMnist({ ...base, dataDir: tmp, split: 'test' }).catch((e) => e);
      expect(error).toBeInstanceOf(ChecksumError);
      expect(error.message).toContain(
        `${join(tmp, 't10k-images-idx3-ubyte.gz')}: sha256 (of the IDX content) checksum mismatch ` +
          '(expected 0fa7898d509279e482958e8ce81c8e77db3f2f8254e26661ceb7762c4d494ce7',
      );
    } finally {
      await rm(tmp, { recursive: true, force: true });
    }
  });

  it('finds the files through SNN_MNIST_DIR when no dataDir is given', async () => {
    const test = await loadMnist({
      env: { SNN_MNIST_DIR: dir },
      cacheDir: '/nonexistent',
      download: false,
      split: 'test',
    });
    expect(test.length).toBe(10000);
  });

  it('streams a shuffled epoch in standard-normalised batches that cover every example once', async () => {
    const test = await loadMnist({ ...base, split: 'test' });
    const loader = new DataLoader(test, { batchSize: 256, shuffle: true, seed: 3 });
    expect(loader.length).toBe(40);
    const seen = new Uint8Array(test.length);
    let sum = 0;
    let n = 0;
    for (const batch of loader.epoch(0)) {
      expect(batch.shape).toEqual([batch.batchSize, 1, 28, 28]);
      for (const i of batch.indices) seen[i]++;
      for (let k = 0; k < batch.images.length; k++) sum += batch.images[k];
      n += batch.images.length;
    }
    expect(seen.every((c) => c === 1)).toBe(true);
    // standardised with the train statistics, the test set's mean is near 0 (its own mean is 0.1325)
    expect(Math.abs(sum / n)).toBeLessThan(0.02);
  });
});

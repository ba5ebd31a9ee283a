import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DataUnavailableError } from '../errors.js';
import { mnistDir, testWithMnist } from '../test-utils/mnist-dir.js';
import { loadData } from './load-data.js';

describe('loadData', () => {
  test('missing data: one error that says how to provide it', async () => {
    const empty = await mkdtemp(join(tmpdir(), 'mnist-demo-nodata-'));
    try {
      const result = loadData({
        dataset: 'mnist',
        dataDir: empty,
        train: true,
        download: false,
        cacheDir: join(empty, 'cache'),
        env: {},
      });
      await expect(result).rejects.toThrow(DataUnavailableError);
      await expect(
        loadData({
          dataset: 'mnist',
          dataDir: empty,
          train: false,
          download: false,
          cacheDir: empty,
          env: {},
        }),
      ).rejects.toThrow(/SNN_MNIST_DIR[\s\S]*--data-dir/);
    } finally {
      await rm(empty, { recursive: true, force: true });
    }
  });

  testWithMnist('the MNIST files load, cut to the limits', async () => {
    const { train, test } = await loadData({
      dataset: 'mnist',
      dataDir: mnistDir(),
      train: true,
      limitTrain: 300,
      limitTest: 100,
      download: false,
    });
    expect(train?.length).toBe(300);
    expect(test.length).toBe(100);
    expect(test.labels[0]).toBe(7); // the first MNIST test digit is a 7
  });
});

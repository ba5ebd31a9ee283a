import { parseSpeedOptions } from './options.js';

describe('parseSpeedOptions', () => {
  test('defaults: every preset at its batch size, data from SNN_MNIST_DIR', () => {
    const o = parseSpeedOptions([], { SNN_MNIST_DIR: '/data/mnist' });
    expect(o.nets).toEqual([
      'norse-recurrent',
      'norse-conv',
      'norse-param-learning',
      'spikingjelly-lif-fc',
      'snntorch-fc',
    ]);
    expect(o.batchSize('norse-conv')).toBe(256);
    expect(o.dataDir).toBe('/data/mnist');
    expect([o.warmup, o.batches, o.maxSeconds]).toEqual([3, 10, 30]);
  });

  test('PyTorch runs at 1 thread and at the number of cores unless told otherwise', () => {
    expect(parseSpeedOptions([], {}, 2).torchThreads).toEqual([1, 2]);
    expect(parseSpeedOptions([], {}, 1).torchThreads).toEqual([1]);
    expect(parseSpeedOptions(['--torch-threads', '4,2,4'], {}, 2).torchThreads).toEqual([2, 4]);
    expect(() => parseSpeedOptions(['--torch-threads', '0'], {})).toThrow(/--torch-threads/);
  });

  test('--batch-size for all or per network, --quick caps batches, bad values are usage errors', () => {
    const per = parseSpeedOptions(['--batch-size', 'norse-conv=32', '--nets', 'norse-conv,snntorch-fc'], {});
    expect([per.batchSize('norse-conv'), per.batchSize('snntorch-fc')]).toEqual([32, 128]);
    expect(parseSpeedOptions(['--batch-size', '8'], {}).batchSize('norse-recurrent')).toBe(8);
    const quick = parseSpeedOptions(['--quick'], {});
    expect([quick.batchSize('norse-recurrent'), quick.batchSize('snntorch-fc'), quick.batches]).toEqual([
      32, 32, 2,
    ]);
    expect([quick.warmup, parseSpeedOptions(['--warmup', '1'], {}).warmup]).toEqual([1, 1]);
    expect(() => parseSpeedOptions(['--nets', 'lenet'], {})).toThrow(/unknown preset 'lenet'/);
    expect(() => parseSpeedOptions(['--batch-size', 'lenet=3'], {})).toThrow(/--batch-size/);
    expect(() => parseSpeedOptions(['--phases', 'test'], {})).toThrow(/not train or infer/);
  });
});

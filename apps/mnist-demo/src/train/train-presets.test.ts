import { rm } from 'node:fs/promises';
import { PRESETS, type PresetName } from '../presets.js';
import { describeWithMnist } from '../test-utils/mnist-dir.js';
import { quickRun, tempDir } from '../test-utils/quick-run.js';

/*
 * Every preset learns: a few hundred MNIST images, a few epochs over them, fewer time steps than the
 * tutorial where the network allows it; the mean training loss of the last epoch must be below the
 * first's. All on @snn/backend-wasm, the fastest backend here (the ConvNet included).
 */
interface Short {
  steps: string;
  limitTrain: string;
  batchSize: string;
  epochs: string;
  limitTest?: string;
}

const SHORT: Record<PresetName, Short> = {
  'norse-recurrent': { steps: '16', limitTrain: '256', batchSize: '32', epochs: '3' },
  'norse-param-learning': { steps: '16', limitTrain: '256', batchSize: '32', epochs: '3' },
  // Spikes need most of the tutorial's 48 steps to reach the readout through three LIF layers.
  'norse-conv': { steps: '48', limitTrain: '32', batchSize: '8', epochs: '2', limitTest: '8' },
  'spikingjelly-lif-fc': { steps: '12', limitTrain: '128', batchSize: '16', epochs: '3' },
  'snntorch-fc': { steps: '8', limitTrain: '256', batchSize: '32', epochs: '3' },
};

describeWithMnist.each(Object.keys(PRESETS) as PresetName[])('preset %s', (preset) => {
  test('trains: the loss goes down', async () => {
    const outDir = await tempDir(preset);
    try {
      const summary = await quickRun({
        model: preset,
        backend: 'wasm',
        limitTest: '64',
        outDir,
        ...SHORT[preset],
      });
      const [first, ...rest] = summary.history;
      const last = rest[rest.length - 1];
      expect(summary.history).toHaveLength(Number(SHORT[preset].epochs));
      expect(Number.isFinite(first.train_loss)).toBe(true);
      expect(last.train_loss).toBeLessThan(first.train_loss);
      expect(summary.model).toBe(preset);
      expect(summary.backend).toBe('wasm');
    } finally {
      await rm(outDir, { recursive: true, force: true });
    }
  }, 120_000);
});

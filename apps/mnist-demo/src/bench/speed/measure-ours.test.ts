import { PRESETS } from '../../presets.js';
import { describeWithMnist, mnistDir } from '../../test-utils/mnist-dir.js';
import type { FigureRequest } from './figure.js';
import { measureOurs } from './measure-ours.js';

const request = (phase: 'train' | 'infer'): FigureRequest => ({
  net: 'snntorch-fc',
  phase,
  steps: 4,
  tau: PRESETS['snntorch-fc'].tau,
  lr: PRESETS['snntorch-fc'].lr,
  normalization: 'unit',
  batchSize: 8,
  warmup: 1,
  batches: 2,
  maxSeconds: 60,
  dataDir: mnistDir(),
});

describeWithMnist('measureOurs (one figure, in process)', () => {
  test.each(['train', 'infer'] as const)(
    '%s: a Figure with throughput, peak RSS and the batches timed',
    async (phase) => {
      const f = await measureOurs('reference', request(phase));
      expect(f).toMatchObject({
        runner: 'ours',
        net: 'snntorch-fc',
        backend: 'reference',
        threads: 1,
        phase,
      });
      expect(f).toMatchObject({ batch_size: 8, steps: 4, batches: 2 });
      expect(f.samples_per_s).toBeGreaterThan(0);
      // seconds is rounded to the millisecond: samples/s x seconds is 16 images within that rounding.
      expect(Math.abs(f.samples_per_s * f.seconds - 2 * 8)).toBeLessThanOrEqual(
        f.samples_per_s * 5e-4 + 0.01,
      );
      expect(f.peak_rss_mb).toBeGreaterThan(10);
      if (phase === 'train') expect(Number.isFinite(f.loss)).toBe(true);
      else expect(f.loss).toBeUndefined();
    },
    60_000,
  );

  test("a normalisation other than the preset's is refused", async () => {
    await expect(
      measureOurs('reference', { ...request('train'), normalization: 'standard' }),
    ).rejects.toThrow(/snntorch-fc normalises its pixels 'unit'/);
  });
});

import { PRESETS, type PresetName } from '../../presets.js';
import { describeWithMnist, mnistDir } from '../../test-utils/mnist-dir.js';
import type { FigureRequest } from './figure.js';
import { measureOnnx } from './measure-onnx.js';
import { ONNX_BACKEND, onnxRunner } from './onnx-runner.js';

const request = (net: PresetName, steps: number): FigureRequest => ({
  net,
  phase: 'infer',
  steps,
  tau: PRESETS[net].tau,
  lr: PRESETS[net].lr,
  normalization: PRESETS[net].normalization,
  batchSize: 8,
  warmup: 1,
  batches: 2,
  maxSeconds: 60,
  dataDir: mnistDir(),
});

describeWithMnist('measureOnnx (one onnxruntime-node figure, in process)', () => {
  // snntorch-fc takes raw pixel bytes (its encoder is in the graph); spikingjelly-lif-fc's rate
  // encoder is stochastic, so its figure feeds drawn spike trains.
  test.each([
    ['snntorch-fc', 4],
    ['spikingjelly-lif-fc', 5],
  ] as const)(
    '%s: an inference Figure at the asked threads, with throughput, peak RSS and the model size',
    async (net, steps) => {
      const f = await measureOnnx(request(net, steps), 1);
      expect(f).toMatchObject({
        runner: 'onnx',
        net,
        backend: ONNX_BACKEND,
        threads: 1,
        phase: 'infer',
        batch_size: 8,
        steps,
        batches: 2,
      });
      expect(f.samples_per_s).toBeGreaterThan(0);
      expect(Math.abs(f.samples_per_s * f.seconds - 2 * 8)).toBeLessThanOrEqual(
        f.samples_per_s * 5e-4 + 0.01,
      );
      expect(f.model_bytes).toBeGreaterThan(784 * 10 * 4);
      expect(f.peak_rss_mb).toBeGreaterThan(10);
    },
    60_000,
  );

  test('training is refused: onnxruntime-node measures inference only', async () => {
    await expect(measureOnnx({ ...request('snntorch-fc', 4), phase: 'train' }, 1)).rejects.toThrow(
      /inference only/,
    );
  });
});

describeWithMnist('the onnx runner', () => {
  test('its child command runs the ONNX figure at the target thread count with the request flags', () => {
    const target = { runner: 'onnx', backend: ONNX_BACKEND, threads: 2, phases: ['infer'] as const };
    const { command, args } = onnxRunner.command(target, request('snntorch-fc', 4));
    expect(command).toBe(process.execPath);
    expect(args[0]).toMatch(/measure-child\.js$/);
    expect(args.slice(1, 5)).toEqual(['--backend', ONNX_BACKEND, '--threads', '2']);
    expect(args).toEqual(expect.arrayContaining(['--net', 'snntorch-fc', '--phase', 'infer']));
  });
});

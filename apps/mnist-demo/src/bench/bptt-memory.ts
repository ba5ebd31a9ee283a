/**
 * Backprop-through-time memory of a preset: the most bytes the engine holds at once during one
 * forward + backward pass of a training batch, above what was live before it (parameters and the
 * encoded batch). The engine counts every tensor's bytes whatever the backend (`memory().peakBytes`),
 * so the figure says what the tape keeps alive across T steps, not how a backend pools its buffers.
 *
 * `node dist/bench/bptt-memory.js [--preset norse-recurrent] [--batch 256] [--steps 32] [--backend reference]`
 * prints one JSON line; the defaults are the preset's own (norse-recurrent: batch 256, T 32).
 */
import { cast, floor, memory, randomUniform, resetPeakMemory, type Tensor, tidy } from '@snn/core';
import { computeGradients, manualSeed } from '@snn/modules';
import type { BackendChoice } from '../cli/train-config.js';
import { buildNetwork } from '../models/build-network.js';
import { encodeInput } from '../models/input-encoding.js';
import { PRESETS, type PresetName } from '../presets.js';
import { useBackend } from '../runtime/backend.js';

export interface BpttMemoryOptions {
  readonly preset: PresetName;
  readonly batchSize?: number;
  readonly steps?: number;
}

export interface BpttMemory {
  readonly preset: PresetName;
  readonly batchSize: number;
  readonly steps: number;
  /** Bytes live before the pass: parameters, the encoded batch, labels. */
  readonly liveBeforeBytes: number;
  /** Most bytes live at once during forward + backward, above liveBeforeBytes. */
  readonly peakAboveLiveBytes: number;
  /** What the pass left behind (the gradients and the loss). */
  readonly retainedBytes: number;
}

/**
 * Runs one forward + backward pass of the preset's network at its defaults (or the given batch size
 * and steps) on the active backend, on uniform pixels (tensor sizes, not values, set the bytes).
 */
export function bpttPeakMemory(options: BpttMemoryOptions): BpttMemory {
  const preset = PRESETS[options.preset];
  const batchSize = options.batchSize ?? preset.batchSize;
  const steps = options.steps ?? preset.steps;
  manualSeed(0);
  const network = buildNetwork({
    preset: preset.name,
    encoder: preset.encoder,
    steps,
    tau: preset.tau,
    seed: 0,
  });
  const params = network.module.parameters();
  const shape = network.inputLayout === 'flat' ? [batchSize, 784] : [batchSize, 1, 28, 28];
  const { input, labels } = tidy(() => {
    const pixels = randomUniform(shape, { seed: 1 });
    const encoded = encodeInput(pixels, {
      encoder: preset.encoder,
      steps,
      poissonFMax: preset.poissonFMax,
      seed: 2,
    });
    return {
      input: encoded.x,
      labels: cast(floor(randomUniform([batchSize], { seed: 3, low: 0, high: 10 })), 'int32'),
    };
  });
  const liveBefore = memory().numBytes;
  resetPeakMemory();
  const loss: Tensor = tidy(() =>
    computeGradients(() => network.loss(network.forward(input), labels), params),
  );
  const peak = memory().peakBytes;
  const retained = memory().numBytes - liveBefore;
  loss.dispose();
  for (const p of params) p.setGrad(null);
  input.dispose();
  labels.dispose();
  network.module.dispose();
  return {
    preset: preset.name,
    batchSize,
    steps,
    liveBeforeBytes: liveBefore,
    peakAboveLiveBytes: peak - liveBefore,
    retainedBytes: retained,
  };
}

function flag(name: string): string | undefined {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

async function main(): Promise<void> {
  const backend = await useBackend((flag('backend') ?? 'reference') as BackendChoice);
  const batch = flag('batch');
  const steps = flag('steps');
  const result = bpttPeakMemory({
    preset: (flag('preset') ?? 'norse-recurrent') as PresetName,
    batchSize: batch === undefined ? undefined : Number(batch),
    steps: steps === undefined ? undefined : Number(steps),
  });
  console.log(
    JSON.stringify({
      ...result,
      backend,
      peakAboveLiveMiB: +(result.peakAboveLiveBytes / 2 ** 20).toFixed(2),
    }),
  );
}

if (process.argv[1] !== undefined && import.meta.url === new URL(`file://${process.argv[1]}`).href) {
  await main();
}

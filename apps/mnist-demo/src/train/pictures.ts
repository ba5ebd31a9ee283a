import { join } from 'node:path';
import { dispose, noGrad, type Tensor, tidy } from '@snn/core';
import { DataLoader, type ImageDataset } from '@snn/data-mnist';
import type { TrainConfig } from '../cli/train-config.js';
import { batchSeed, encodeInput } from '../models/input-encoding.js';
import type { PresetNetwork } from '../models/network.js';
import { TraceRecorder } from '../models/trace-recorder.js';
import { type EncoderName, PRESETS } from '../presets.js';
import {
  accuracyCurveSpec,
  lossCurveSpec,
  parameterHistogramSpec,
  type RasterData,
  rasterSpec,
  type TraceData,
  traceSpec,
} from '../report/charts.js';
import { writeHtmlReport } from '../report/html-report.js';
import { type WrittenChart, writeChart } from '../report/render.js';
import { type PixelStats, pixelsTensor, STREAM } from './batches.js';
import type { RunState, RunSummary } from './run-record.js';

/**
 * The encoders the input picture shows, on the same digit: the run's own first, then the others that
 * fit its preset (for `direct` input the panel shows the image presented at every step).
 */
function rasterEncoders(config: TrainConfig): EncoderName[] {
  return [config.encoder, ...PRESETS[config.preset].encoders.filter((e) => e !== config.encoder)];
}

export interface PictureSession {
  /** Draw everything that needs the trained network and the run's curves; returns report.html's path. */
  finish(state: RunState, summary: RunSummary): Promise<string>;
}

/** Units per trace picture (a few neurons stay readable). */
const TRACE_UNITS = 8;

async function readAll(t: Tensor): Promise<Float32Array> {
  return Float32Array.from((await t.data()) as Float32Array);
}

/** Runs the network on test image 0 without gradients, recording the traces the network exposes. */
async function recordTraces(
  config: TrainConfig,
  network: PresetNetwork<unknown>,
  sample: ImageDataset,
  stats: PixelStats,
  suffix: string,
): Promise<Map<string, TraceData>> {
  const batch = [
    ...new DataLoader(sample, { batchSize: 1, normalize: PRESETS[config.preset].normalization, stats }),
  ][0];
  const recorder = new TraceRecorder(TRACE_UNITS);
  const wasTraining = network.module.training;
  network.module.eval();
  try {
    tidy(() =>
      noGrad(() => {
        const encoded = encodeInput(pixelsTensor(batch, network.inputLayout), {
          encoder: config.encoder,
          steps: config.steps,
          poissonFMax: PRESETS[config.preset].poissonFMax,
          seed: batchSeed(config.seed, STREAM.pictures, 0, 0),
        });
        network.forward(encoded.x, recorder);
      }),
    );
  } finally {
    network.module.train(wasTraining);
  }
  return recorder.collect(suffix);
}

/** Input spikes of one digit through each encoder of `rasterEncoders` (flattened to 784 inputs). */
async function encoderRasters(
  config: TrainConfig,
  sample: ImageDataset,
  stats: PixelStats,
): Promise<RasterData[]> {
  const batch = [
    ...new DataLoader(sample, { batchSize: 1, normalize: PRESETS[config.preset].normalization, stats }),
  ][0];
  const out: RasterData[] = [];
  for (const encoder of rasterEncoders(config)) {
    const spikes = tidy(
      () =>
        encodeInput(pixelsTensor(batch, 'flat'), {
          encoder,
          steps: config.steps,
          poissonFMax: PRESETS[config.preset].poissonFMax,
          seed: batchSeed(config.seed, STREAM.pictures, 0, 0),
        }).x,
    );
    const values = await readAll(spikes);
    dispose(spikes);
    // `direct` input is the image itself, presented at every step.
    const perStep = encoder === 'direct' ? repeat(values, config.steps) : values;
    const label = encoder === config.encoder ? `${encoder} (this run)` : encoder;
    out.push({ encoder: label, steps: config.steps, neurons: 784, spikes: perStep });
  }
  return out;
}

function repeat(values: Float32Array, times: number): Float32Array {
  const out = new Float32Array(values.length * times);
  for (let t = 0; t < times; t++) out.set(values, t * values.length);
  return out;
}

async function neuronParameterValues(network: PresetNetwork<unknown>): Promise<Map<string, Float32Array>> {
  const values = new Map<string, Float32Array>();
  for (const [name, t] of Object.entries(network.neuronParameters?.() ?? {}))
    values.set(name, await readAll(t));
  return values;
}

const slug = (name: string) => name.toLowerCase().replace(/[^a-z0-9]+/g, '-');

/**
 * `--plots`: what can be drawn before training (input rasters, traces of the untrained network,
 * initial neuron parameters) is captured now; `finish` adds the trained network's traces, the loss
 * and accuracy curves, the parameter histograms and the HTML report that shows them all.
 */
export async function startPictures(
  config: TrainConfig,
  network: PresetNetwork<unknown>,
  test: ImageDataset,
  outDir: string,
  stats: PixelStats,
): Promise<PictureSession> {
  const sample = test.take(1);
  const rasters = await encoderRasters(config, sample, stats);
  const before = await recordTraces(config, network, sample, stats, ', before training');
  const paramsBefore = await neuronParameterValues(network);
  return {
    async finish(state, summary) {
      const dir = join(outDir, 'plots');
      const charts: WrittenChart[] = [];
      charts.push(
        await writeChart(
          dir,
          'input-spikes',
          `Input of test digit 0 (label ${sample.labels[0]}) through this run's encoder (${config.encoder}) and the others that fit ${config.preset}, T ${config.steps}`,
          rasterSpec(rasters, `Input spikes, one digit (label ${sample.labels[0]})`),
        ),
      );
      const after = await recordTraces(config, network, sample, stats, ', after training');
      for (const [name, b] of before) {
        const a = after.get(name);
        const traces = a ? [b, a] : [b];
        charts.push(
          await writeChart(
            dir,
            slug(name),
            `${name} of ${b.units} units on test digit 0, before and after training`,
            traceSpec(traces, name, name),
          ),
        );
      }
      charts.push(await writeChart(dir, 'loss', 'Training loss per batch', lossCurveSpec(state.losses)));
      charts.push(
        await writeChart(
          dir,
          'accuracy',
          'Test accuracy after each epoch',
          accuracyCurveSpec(
            state.epochs.map((e) => ({ epoch: e.epoch, accuracy: e.testAccuracy, split: 'test' })),
          ),
        ),
      );
      const paramsAfter = await neuronParameterValues(network);
      for (const [name, b] of paramsBefore) {
        charts.push(
          await writeChart(
            dir,
            `${slug(name)}-histogram`,
            `${name} per hidden neuron, before and after training`,
            parameterHistogramSpec(name, b, paramsAfter.get(name) ?? b),
          ),
        );
      }
      const table: Record<string, string | number> = {
        model: summary.model,
        encoder: summary.encoder,
        backend: summary.backend,
        dataset: summary.dataset,
        epochs: summary.epochs,
        'test accuracy (%)': summary.test_accuracy,
        'test loss': summary.test_loss,
        'train samples/s': summary.train_samples_per_s,
        'wall seconds': summary.seconds,
        'time steps': summary.steps,
        'batch size': summary.batch_size,
        'learning rate': summary.lr,
        optimizer: summary.optimizer,
        seed: summary.seed,
        'tutorial result': PRESETS[config.preset].reference.text,
      };
      return writeHtmlReport(dir, `mnist-demo: ${summary.model} on ${summary.dataset}`, table, charts);
    },
  };
}

#!/usr/bin/env node
/**
 * `npm run bench:torch-check` (in apps/mnist-demo): do bench/pytorch's networks compute what ours do? For
 * each preset, our reference backend (or `--backend`'s) builds the network (seed 0), takes a few MNIST batches through
 * the preset's encoder and trains on them with the app's own loop; the initial weights, the pixels,
 * the encoded batches, our gradients on the first batch, our loss at every step and our weights after
 * the last go into a safetensors file. bench/pytorch/check_losses.py then loads the same weights into
 * the PyTorch network, trains it on the same batches, and compares the first gradients, the losses
 * step by step and the weight updates (and, for deterministic encoders, its own encoding of the
 * pixels with ours).
 * Exit status 0 when every preset agrees. Not part of the tests: it needs Python with torch.
 */
import { spawnSync } from 'node:child_process';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type Tensor, tidy } from '@snn/core';
import {
  type Batch,
  computeGradients,
  manualSeed,
  resetNet,
  type SafetensorsInput,
  serializeSafetensors,
} from '@snn/modules';
import { Command } from 'commander';
import { parseInteger } from '../cli/parse-number.js';
import {
  BACKEND_CHOICES,
  type BackendChoice,
  resolveTrainConfig,
  type TrainConfig,
} from '../cli/train-config.js';
import { loadData } from '../data/load-data.js';
import { buildNetwork } from '../models/build-network.js';
import { batchSeed } from '../models/input-encoding.js';
import { PRESET_NAMES, PRESETS, type PresetName } from '../presets.js';
import { useBackend } from '../runtime/backend.js';
import { encodeBatch, makeLoader, pixelStatsOf, pixelsTensor, STREAM } from '../train/batches.js';
import { pytorchBenchDir } from './speed/pytorch-runner.js';
import { trainOnBatches } from './train-on-batches.js';

async function plain(t: Tensor): Promise<SafetensorsInput> {
  const data = await t.data();
  return { shape: t.shape, data: data as Float32Array | Int32Array };
}

/** Our side of one preset's check: the safetensors bytes for check_losses.py. */
export async function exportCheck(config: TrainConfig, steps: number, dataDir: string): Promise<Uint8Array> {
  const data = await loadData({
    dataset: 'mnist',
    dataDir,
    train: true,
    limitTrain: steps * config.batchSize,
    limitTest: 1,
    download: false,
  });
  const train = data.train!;
  manualSeed(config.seed);
  const network = buildNetwork(config);
  const tensors = new Map<string, SafetensorsInput>();
  for (const [k, t] of network.module.stateDict()) {
    if (t.dtype === 'float32') tensors.set(`param.${k}`, await plain(t));
  }
  const loader = makeLoader(train, config, false, pixelStatsOf(train));
  const batches: Batch[] = [];
  let k = 0;
  for (const raw of loader.epoch(0)) {
    const pixels = pixelsTensor(raw, network.inputLayout);
    tensors.set(`batch${k}.pixels`, await plain(pixels));
    pixels.dispose();
    const batch = encodeBatch(raw, config, network.inputLayout, batchSeed(config.seed, STREAM.train, 0, k));
    tensors.set(`batch${k}.input`, await plain(batch.x));
    tensors.set(`batch${k}.labels`, await plain(batch.y));
    batches.push(batch);
    k += 1;
  }
  // The gradients at the initial weights on the first batch, before any step.
  const params = network.module.namedParameters();
  resetNet(network.module);
  tidy(() =>
    computeGradients(
      () => network.loss(network.forward(batches[0].x), batches[0].y),
      params.map(([, p]) => p),
    ),
  ).dispose();
  for (const [k, p] of params) tensors.set(`grad.${k}`, await plain(p.grad!));
  for (const [, p] of params) p.setGrad(null);
  const losses: number[] = [];
  await trainOnBatches(config, network, batches, (loss) => losses.push(loss));
  tensors.set('losses', { shape: [losses.length], data: Float32Array.from(losses) });
  for (const [k, t] of network.module.stateDict()) {
    if (t.dtype === 'float32') tensors.set(`final.${k}`, await plain(t));
  }
  const p = PRESETS[config.preset];
  return serializeSafetensors(tensors, {
    net: config.preset,
    encoder: config.encoder,
    steps: String(config.steps),
    tau: String(config.tau),
    lr: String(config.lr),
    batch_size: String(config.batchSize),
    normalization: p.normalization,
  });
}

async function main(): Promise<void> {
  const opts = new Command('bench:torch-check')
    .description(
      "Compare bench/pytorch's losses with one of our backends' (the reference backend's by default), step by step, from the same weights and batches.",
    )
    .option('--nets <list>', `presets (default all: ${PRESET_NAMES.join(',')})`)
    .option('--backend <name>', 'our backend that trains (default: the reference backend)', 'reference')
    .option('--batch-size <B>', 'images per batch', '16')
    .option('--train-steps <n>', 'optimizer steps compared', '3')
    .option('--data-dir <dir>', 'MNIST folder (default: $SNN_MNIST_DIR)', process.env.SNN_MNIST_DIR)
    .option('--python <path>', 'python with torch', '/usr/bin/python3')
    .option('--keep <dir>', 'write the safetensors files here and keep them')
    .parse()
    .opts<{
      nets?: string;
      backend: string;
      batchSize: string;
      trainSteps: string;
      dataDir?: string;
      python: string;
      keep?: string;
    }>();
  if (!opts.dataDir) throw new Error('no MNIST: set SNN_MNIST_DIR or pass --data-dir');
  if (!(BACKEND_CHOICES as readonly string[]).includes(opts.backend))
    throw new Error(`--backend: '${opts.backend}' is not one of ${BACKEND_CHOICES.join(', ')}`);
  const backend = opts.backend as BackendChoice;
  const script = join(pytorchBenchDir() ?? '.', 'check_losses.py');
  const nets = (opts.nets?.split(',') ?? [...PRESET_NAMES]) as PresetName[];
  const steps = parseInteger('--train-steps', opts.trainSteps, 1);
  await useBackend(backend);
  const dir = opts.keep ?? (await mkdtemp(join(tmpdir(), 'snn-torch-check-')));
  await mkdir(dir, { recursive: true });
  const files: string[] = [];
  try {
    for (const net of nets) {
      const config = resolveTrainConfig({
        model: net,
        backend,
        batchSize: opts.batchSize,
        dataDir: opts.dataDir,
      });
      process.stderr.write(
        `${net}: training ${steps} steps of batch ${config.batchSize} on the ${backend} backend...\n`,
      );
      const file = join(dir, `${net}.safetensors`);
      await writeFile(file, await exportCheck(config, steps, opts.dataDir));
      files.push(file);
    }
    const run = spawnSync(opts.python, [script, ...files], { stdio: 'inherit' });
    if (run.error) throw new Error(`${opts.python} could not start: ${run.error.message}`);
    process.exitCode = run.status ?? 1;
  } finally {
    if (!opts.keep) await rm(dir, { recursive: true, force: true });
  }
}

await main();

#!/usr/bin/env node
// Inference speed of the mnist-demo networks exported to ONNX and run by onnxruntime-node: one JSON
// line per network and thread count, {net, backend, threads, phase, samples_per_s, peak_rss_mb, ...}.
// The networks are the presets' (same layers, sizes, encoders, decoders and time steps), with
// seeded weights: dense onnxruntime kernels take the same time whatever the weights.
//
// Compare with plain PyTorch back to back: point SNN_TORCH_BASELINE at a torch baseline script
// taking `--net NAME --threads N --infer-batches K` and printing a JSON line with
// infer_samples_per_s (e.g. the team's torch_baseline.py; python from SNN_TORCH_PYTHON, default
// /usr/bin/python3). Runs alternate ONNX and PyTorch per network and print the ratio.
//
//   node bench/infer.mjs [--net norse-recurrent] [--threads 1,2] [--seconds 4] [--rounds 2] [--batch 256]
import { execFileSync } from 'node:child_process';
import { tensor } from '@snn/core';
import { loadMnist } from '@snn/data-mnist';
import { ConstantCurrentLIFEncoder, rate } from '@snn/encoders';
import {
  Conv2d,
  Flatten,
  firingRate,
  Leaky,
  LIFCell,
  LIFNode,
  LILinearCell,
  Linear,
  MaxPool2d,
  manualSeed,
  maxLogSoftmax,
  RecurrentSNN,
  spikeCount,
} from '@snn/modules';
import { exportOnnx, loadOnnx, relu, scale } from '@snn/onnx';

const argv = process.argv.slice(2);
const args = Object.fromEntries(
  argv.flatMap((a, i) => (a.startsWith('--') ? [[a.slice(2), argv[i + 1]]] : [])),
);
const seconds = Number(args.seconds ?? 4);
const rounds = Number(args.rounds ?? 1);
const threadCounts = (args.threads ?? '1,2').split(',').map(Number);

const unit = Float32Array.from({ length: 256 }, (_, v) => v / 255);
const standard = Float32Array.from({ length: 256 }, (_, v) => (v / 255 - 0.1307) / 0.3081);
const norseP = { method: 'super', alpha: 80, tauMemInv: 100 };

/** The presets, as exported by `mnist-demo export-onnx` (batch: the preset's). */
const NETS = {
  'norse-recurrent': {
    batch: 256,
    build: () => ({
      network: new RecurrentSNN(784, 100, 10, { p: { alpha: 100, vTh: 0.5 } }),
      options: {
        inputShape: [784],
        encoder: new ConstantCurrentLIFEncoder(32),
        decoder: maxLogSoftmax,
        pixelTable: standard,
      },
    }),
  },
  'norse-conv': {
    batch: 256,
    build: () => ({
      network: [
        new Conv2d(1, 20, 5),
        new LIFCell({ p: norseP }),
        new MaxPool2d(2, 2),
        new Conv2d(20, 50, 5),
        scale(10),
        new LIFCell({ p: norseP }),
        new MaxPool2d(2, 2),
        new Flatten(),
        new Linear(800, 500),
        new LIFCell({ p: norseP }),
        relu(),
        new LILinearCell(500, 10),
      ],
      options: {
        inputShape: [1, 28, 28],
        encoder: new ConstantCurrentLIFEncoder(48),
        decoder: maxLogSoftmax,
        pixelTable: standard,
      },
    }),
  },
  'spikingjelly-lif-fc': {
    batch: 64,
    spikes: 100,
    build: () => ({
      network: [new Linear(784, 10, { bias: false }), new LIFNode({ tau: 2, surrogate: 'atan' })],
      options: { inputShape: [784], encoder: 'spikes', decoder: firingRate },
    }),
  },
  'snntorch-fc': {
    batch: 128,
    build: () => ({
      network: [new Linear(784, 1000), new Leaky(0.95), new Linear(1000, 10), new Leaky(0.95)],
      options: { inputShape: [784], encoder: 'direct', steps: 25, decoder: spikeCount, pixelTable: unit },
    }),
  },
};

/** MNIST test images from $SNN_MNIST_DIR or the cache; stand-in bytes when there are none. */
function testImages() {
  return loadMnist({ split: 'test', download: false }).then(
    (d) => d.images,
    () => undefined,
  );
}

async function onnxRun(name, threads, images) {
  const net = { ...NETS[name], batch: Number(args.batch ?? NETS[name].batch) };
  manualSeed(0);
  const { network, options } = net.build();
  const bytes = await exportOnnx(network, options);
  const predictor = await loadOnnx(bytes, { intraOpNumThreads: threads, batchSize: net.batch });
  const per = 784;
  let input;
  let steps;
  if (net.spikes) {
    // The spike train of SpikingJelly's Poisson (rate) encoder, made once outside the timing.
    const pixels = tensor(
      Float32Array.from(images.subarray(0, net.batch * per), (v) => v / 255),
      [net.batch, per],
    );
    input = rate(pixels, net.spikes, { seed: 1 }).dataSync();
    steps = net.spikes;
  } else input = images.subarray(0, net.batch * per);
  await predictor.predict(input, { steps }); // warm-up
  let n = 0;
  const t0 = performance.now();
  while (performance.now() - t0 < seconds * 1000) {
    await predictor.predict(input, { steps });
    n += net.batch;
  }
  const sps = (n * 1000) / (performance.now() - t0);
  await predictor.release();
  return {
    net: name,
    backend: 'onnxruntime-node',
    threads,
    phase: 'infer',
    samples_per_s: Number(sps.toFixed(1)),
    peak_rss_mb: Math.round(process.resourceUsage().maxRSS / 1024),
    batch_size: net.batch,
    model_bytes: bytes.length,
  };
}

function torchRun(name, threads) {
  const script = process.env.SNN_TORCH_BASELINE;
  if (!script) return undefined;
  const python = process.env.SNN_TORCH_PYTHON ?? '/usr/bin/python3';
  const out = execFileSync(
    python,
    [
      script,
      '--net',
      name,
      '--threads',
      String(threads),
      '--warmup',
      '1',
      '--batches',
      '1',
      '--infer-batches',
      '20',
    ],
    { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] },
  );
  const r = JSON.parse(out.trim().split('\n').pop());
  return {
    net: name,
    backend: 'pytorch',
    threads,
    phase: 'infer',
    samples_per_s: r.infer_samples_per_s,
    batch_size: r.batch_size,
  };
}

const images =
  (await testImages()) ?? Uint8Array.from({ length: 10000 * 784 }, (_, i) => (i * 2654435761) % 256);
const names = args.net ? args.net.split(',') : Object.keys(NETS);
for (let round = 0; round < rounds; round++) {
  for (const name of names) {
    for (const threads of threadCounts) {
      const onnx = await onnxRun(name, threads, images);
      console.log(JSON.stringify(onnx));
      const torch = torchRun(name, threads);
      if (torch) {
        console.log(JSON.stringify(torch));
        console.log(
          JSON.stringify({
            net: name,
            threads,
            phase: 'infer',
            onnx_over_pytorch: Number((onnx.samples_per_s / torch.samples_per_s).toFixed(2)),
          }),
        );
      }
    }
  }
}

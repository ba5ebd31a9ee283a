import { getBackend } from '@snn/core';
import { evaluate, manualSeed } from '@snn/modules';
import { type BackendChoice, resolveTrainConfig, type TrainConfig } from '../../cli/train-config.js';
import { loadData } from '../../data/load-data.js';
import { buildNetwork } from '../../models/build-network.js';
import { PRESETS } from '../../presets.js';
import { useBackend } from '../../runtime/backend.js';
import { encodedBatches, makeLoader, pixelStatsOf, STREAM } from '../../train/batches.js';
import { batchAccuracy } from '../../train/train-run.js';
import { trainOnBatches } from '../train-on-batches.js';
import { type ClockReading, cycleEpochs, timedBatches } from './batch-clock.js';
import type { Figure, FigureRequest } from './figure.js';

/** Backends known to compute on one CPU thread; others say how many through a numeric `threads`. */
const SINGLE_THREADED = new Set(['reference', 'tfjs-cpu', 'tfjs-wasm']);

/** The active backend's CPU thread count: its own `threads` field, 1 for the single-threaded ones, else null. */
export function backendThreads(): number | null {
  const backend = getBackend() as unknown as { name: string; threads?: unknown };
  if (typeof backend.threads === 'number') return backend.threads;
  return SINGLE_THREADED.has(backend.name) ? 1 : null;
}

/** Peak resident set size of this process so far, in MiB. */
export function peakRssMb(): number {
  return Math.round(process.resourceUsage().maxRSS / 102.4) / 10;
}

/** Images a measurement needs from a split of `size`: warm-up plus timed batches, in whole batches. */
export function imagesNeeded(r: FigureRequest, size: number): number {
  const want = (r.warmup + r.batches) * r.batchSize;
  return Math.min(want, size - (size % r.batchSize));
}

/**
 * One figure of `npm run bench` for our library: the preset's network as mnist-demo trains it (the same
 * network, loader, encoder and optimizer), training through @snn/modules' `fit` or inferring through
 * `evaluate`, on `backend`. Runs in the calling process; the harness runs each in its own child so
 * that the peak RSS is this figure's.
 */
export async function measureOurs(backendChoice: BackendChoice, r: FigureRequest): Promise<Figure> {
  const config = requestConfig(r, backendChoice);
  const backend = await useBackend(backendChoice);
  const train = r.phase === 'train';
  const data = await loadData({
    dataset: 'mnist',
    dataDir: r.dataDir,
    train,
    limitTrain: train ? imagesNeeded(r, 60000) : undefined,
    limitTest: imagesNeeded(r, 10000),
    download: false,
  });
  const split = train ? data.train! : data.test;
  manualSeed(config.seed);
  const network = buildNetwork(config);
  const loader = makeLoader(split, config, train, pixelStatsOf(split));
  const stream = train ? STREAM.train : STREAM.eval;
  const source = cycleEpochs((e) => encodedBatches(loader, config, network.inputLayout, e, stream));
  const reading: ClockReading = { start: 0, end: 0, timed: 0 };
  const batches = timedBatches(source, r, reading);
  let loss: number | undefined;
  if (train) {
    await trainOnBatches(config, network, batches, (value) => {
      loss = value;
    });
  } else {
    await evaluate(
      network.module,
      batches,
      (_model, x) => network.forward(x),
      (out, batch) => ({ accuracy: batchAccuracy(network.scores(out), batch.y) }),
    );
  }
  return {
    ...timedFigure(r, reading, { runner: 'ours', backend, threads: backendThreads() }),
    ...(loss === undefined ? {} : { loss: Math.round(loss * 1e6) / 1e6 }),
  };
}

/** The app's training config for a request, after checking its normalisation is the preset's. */
export function requestConfig(r: FigureRequest, backend: BackendChoice): TrainConfig {
  if (r.normalization !== PRESETS[r.net].normalization) {
    throw new Error(
      `${r.net} normalises its pixels '${PRESETS[r.net].normalization}', not '${r.normalization}' (presets.ts)`,
    );
  }
  return resolveTrainConfig({
    model: r.net,
    backend,
    steps: String(r.steps),
    tau: String(r.tau),
    lr: String(r.lr),
    batchSize: String(r.batchSize),
    dataDir: r.dataDir,
    download: false,
  });
}

/** A Figure's common fields from a request and its clock reading, for whichever runner took it. */
export function timedFigure(
  r: FigureRequest,
  reading: ClockReading,
  who: { readonly runner: string; readonly backend: string; readonly threads: number | null },
): Figure {
  const seconds = (reading.end - reading.start) / 1000;
  return {
    ...who,
    net: r.net,
    phase: r.phase,
    samples_per_s: Math.round(((reading.timed * r.batchSize) / seconds) * 100) / 100,
    peak_rss_mb: peakRssMb(),
    batch_size: r.batchSize,
    steps: r.steps,
    warmup: r.warmup,
    batches: reading.timed,
    seconds: Math.round(seconds * 1000) / 1000,
  };
}

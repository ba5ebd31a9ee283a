import { backendName, dispose, keep, noGrad, type Tensor, tidy } from '@snn/core';
import { type Batch as DataBatch, ImageDataset } from '@snn/data-mnist/browser';
import { fit, loadCheckpoint, manualSeed, type Optimizer, resetNet, saveCheckpoint } from '@snn/modules';
import {
  batchAccuracy,
  batchSeed,
  buildNetwork,
  createOptimizer,
  encodeBatch,
  encodedBatches,
  epochRecord,
  evaluateRun,
  lossAndAccuracy,
  makeLoader,
  networkFromRun,
  PRESETS,
  type PresetNetwork,
  pixelStatsOf,
  resolveTrainConfig,
  STREAM,
  type StoredRun,
  storedRunOf,
  withRun,
} from 'mnist-demo/shared';
import type { Activity, FromWorker, Grid, RunInfo, TrainSettings } from '../protocol.js';
import { ActivityRecorder } from './activity-recorder.js';
import { Control } from './control.js';

export interface Splits {
  readonly train: ImageDataset | undefined;
  readonly test: ImageDataset;
}

/** A run in progress: StoredRun's fields, growing as training goes on. */
interface LiveRun extends StoredRun {
  readonly epochs: StoredRun['epochs'][number][];
  readonly losses: StoredRun['losses'][number][];
  seconds: number;
}

interface Current {
  readonly network: PresetNetwork<unknown>;
  readonly optimizer: Optimizer;
  readonly run: LiveRun;
  /** Optimizer steps so far (checkpoints carry it, as the CLI's do). */
  steps: number;
  readonly origin: string;
}

const take = (set: ImageDataset, limit: number | undefined) =>
  limit === undefined || limit >= set.length ? set : set.take(limit);

/** How often the page gets the current sample's spikes while training. */
const ACTIVITY_EVERY_MS = 1000;

/**
 * The worker's state: the data, the network with its optimizer and run record, and the training
 * loop. Networks, batches, evaluation and checkpoints are mnist-demo's own (mnist-demo/shared), so a
 * run here is the run `mnist-demo train` makes with the same settings, and their checkpoints are
 * interchangeable.
 */
export class Session {
  readonly control = new Control();
  private data: Splits | undefined;
  private current: Current | undefined;

  constructor(private readonly post: (message: FromWorker, transfer?: Transferable[]) => void) {}

  setData(data: Splits): void {
    this.data = data;
  }

  get hasNetwork(): boolean {
    return this.current !== undefined;
  }

  /** A new network with the form's settings, trained for its epochs. */
  train(settings: TrainSettings): Promise<void> {
    const train = this.data?.train;
    if (train === undefined) throw new Error('load the MNIST training files first (Data, above)');
    const config = resolveTrainConfig({
      model: settings.preset,
      encoder: settings.encoder,
      epochs: String(settings.epochs),
      batchSize: String(settings.batchSize),
      lr: String(settings.lr),
      steps: String(settings.steps),
      limitTrain: String(settings.limitTrain),
      limitTest: String(settings.limitTest),
      seed: String(settings.seed),
    });
    return this.control.train(async () => {
      manualSeed(config.seed);
      const network = buildNetwork(config);
      this.current = {
        network,
        optimizer: createOptimizer(config, network),
        run: {
          config,
          backend: backendName(),
          epochs: [],
          losses: [],
          seconds: 0,
          pixelStats: pixelStatsOf(train),
        },
        steps: 0,
        origin: 'trained here',
      };
      this.post({ type: 'history', losses: [], epochs: [] });
      await this.fitEpochs(config.epochs);
    });
  }

  /** More epochs for the current network (trained here or uploaded), with its own settings. */
  continueTraining(epochs: number): Promise<void> {
    if (!this.current) throw new Error('there is no network yet: train one or upload a checkpoint');
    if (!this.data?.train) throw new Error('load the MNIST training files first (Data, above)');
    return this.control.train(() => this.fitEpochs(epochs));
  }

  private info(): RunInfo | undefined {
    const c = this.current;
    if (!c) return undefined;
    const { config } = c.run;
    return {
      preset: config.preset,
      encoder: config.encoder,
      network: PRESETS[config.preset].network,
      epochsDone: c.run.epochs.length,
      backend: backendName(),
      origin: c.origin,
    };
  }

  postState(): void {
    const state = this.control.isTraining ? (this.control.isPaused ? 'paused' : 'training') : 'idle';
    this.post({ type: 'state', state, run: this.info() });
  }

  private async fitEpochs(more: number): Promise<void> {
    const c = this.current!;
    const { network, optimizer, run } = c;
    const config = run.config;
    const train = take(this.data!.train!, config.limitTrain);
    const test = take(this.data!.test, config.limitTest);
    const trainLoader = makeLoader(train, config, true, run.pixelStats);
    const testLoader = makeLoader(test, config, false, run.pixelStats);
    const first = run.epochs.length;
    const layout = network.inputLayout;
    let samples = run.losses.at(-1)?.samples ?? 0;
    let sample: DataBatch | undefined;
    let accuracy: Tensor | undefined;
    let lastActivity = 0;
    let stepStart = performance.now();
    let rate = 0;
    this.postState();
    try {
      await fit({
        model: network.module,
        optimizer,
        epochs: more,
        trainBatches: (e) =>
          encodedBatches(trainLoader, config, layout, first + e, STREAM.train, (b) => {
            sample = b;
          }),
        evalBatches: () => encodedBatches(testLoader, config, layout, 0, STREAM.eval),
        forward: (_m, x) => network.forward(x),
        loss: (out, batch) => {
          // The batch's accuracy comes from the same forward pass, outside the gradient tape.
          accuracy?.dispose();
          accuracy = keep(noGrad(() => batchAccuracy(network.scores(out), batch.y)));
          return network.loss(out, batch.y);
        },
        metrics: lossAndAccuracy(network),
        onBatch: async (p) => {
          const size = Math.min(config.batchSize, train.length - p.batch * config.batchSize);
          const seconds = (performance.now() - stepStart) / 1000;
          // Own throughput: the time of the step alone (fit's also counts pauses and pictures).
          rate = rate === 0 ? size / seconds : 0.8 * rate + 0.2 * (size / seconds);
          samples += size;
          c.steps += 1;
          run.losses.push({ samples, epoch: first + p.epoch + 1, loss: p.loss });
          this.post({
            type: 'batch',
            epoch: first + p.epoch + 1,
            epochs: first + more,
            batch: p.batch + 1,
            batches: trainLoader.length,
            samples,
            loss: p.loss,
            accuracy: accuracy ? (await accuracy.data())[0] : Number.NaN,
            samplesPerSecond: rate,
          });
          if (sample && performance.now() - lastActivity >= ACTIVITY_EVERY_MS) {
            this.post({ type: 'activity', activity: await this.activity(sample) });
            lastActivity = performance.now();
          }
          const wasPaused = this.control.isPaused;
          if (wasPaused) this.postState();
          await this.control.between();
          if (wasPaused) this.postState();
          stepStart = performance.now();
        },
        onEpoch: async (r) => {
          const record = epochRecord(r, first);
          run.epochs.push(record);
          run.seconds += r.seconds;
          this.post({ type: 'epoch', record, samples });
          if (sample) this.post({ type: 'activity', activity: await this.activity(sample) });
          stepStart = performance.now();
        },
      });
      this.post({ type: 'done', reason: 'finished' });
    } finally {
      accuracy?.dispose();
    }
  }

  /** Sample 0 of a data batch through the network, without gradients, with everything it records. */
  private async activity(batch: DataBatch, label = batch.labels[0]): Promise<Activity> {
    const { network, run } = this.current!;
    const config = run.config;
    const pixels = batch.images.length / batch.batchSize;
    const one: DataBatch = {
      ...batch,
      images: batch.images.subarray(0, pixels),
      labels: batch.labels.subarray(0, 1),
      batchSize: 1,
      shape: [1, batch.shape[1], batch.shape[2], batch.shape[3]],
      indices: batch.indices.subarray(0, 1),
    };
    const encoded = encodeBatch(
      one,
      { ...config, batchSize: 1 },
      network.inputLayout,
      batchSeed(config.seed, STREAM.pictures, 0, 0),
    );
    const recorder = new ActivityRecorder();
    const wasTraining = network.module.training;
    network.module.eval();
    resetNet(network.module);
    let scores: Tensor;
    try {
      scores = tidy(() => noGrad(() => network.scores(network.forward(encoded.x, recorder))));
    } finally {
      network.module.train(wasTraining);
    }
    const values = Array.from((await scores.data()) as Float32Array);
    const x = (await encoded.x.data()) as Float32Array;
    dispose([scores, encoded.x, encoded.y]);
    const { hidden, readout } = await recorder.grids();
    // Direct input (snnTorch) is the same pixels at every step: shown as such.
    const input: Grid =
      encoded.x.rank === 2 || encoded.x.rank === 4
        ? {
            label: 'direct input (pixel values)',
            steps: config.steps,
            units: pixels,
            values: repeat(x, config.steps),
          }
        : {
            label: `input spikes (${config.encoder})`,
            steps: x.length / pixels,
            units: pixels,
            values: Float32Array.from(x),
          };
    return {
      input,
      hidden,
      readout,
      scores: values,
      predicted: values.indexOf(Math.max(...values)),
      label,
    };
  }

  /** Classifies one 28x28 image (0..255) as the network sees a test digit. */
  classify(pixels: Uint8Array, label?: number): Promise<Activity> {
    return this.control.run(async () => {
      const c = this.needNetwork();
      const set = new ImageDataset(pixels, Uint8Array.of(label ?? 0), 28, 28, 10);
      const loader = makeLoader(set, { ...c.run.config, batchSize: 1 }, false, c.run.pixelStats);
      const batch = loader.epoch(0).next().value as DataBatch;
      const activity = await this.activity(batch, label);
      return label === undefined ? { ...activity, label: undefined } : activity;
    });
  }

  testDigit(index: number): { pixels: Uint8Array; label: number; index: number } {
    const test = this.data?.test;
    if (!test) throw new Error('load MNIST first (Data, above)');
    const i = ((index % test.length) + test.length) % test.length;
    return { pixels: Uint8Array.from(test.image(i)), label: test.labels[i], index: i };
  }

  /** `mnist-demo eval` on the first `limit` test images: the same batches, seeds and numbers. */
  evaluate(limit: number): Promise<{ accuracy: number; loss: number; samples: number; seconds: number }> {
    return this.control.run(async () => {
      const c = this.needNetwork();
      const test = this.data?.test;
      if (!test) throw new Error('load the MNIST test files first (Data, above)');
      const subset = take(test, limit);
      const t0 = performance.now();
      const m = await evaluateRun(c.network, c.run, subset, { seed: 0 });
      return {
        accuracy: Number((m.accuracy * 100).toFixed(2)),
        loss: Number(m.loss.toFixed(5)),
        samples: subset.length,
        seconds: (performance.now() - t0) / 1000,
      };
    });
  }

  /** The current network as mnist-demo's checkpoint file. */
  checkpoint(): Promise<{ name: string; bytes: Uint8Array }> {
    return this.control.run(async () => {
      const c = this.needNetwork();
      return { name: `${c.run.config.preset}.safetensors`, bytes: await checkpointBytes(c) };
    });
  }

  /** Replaces the network with the one in a checkpoint (the CLI's or ours), optimizer state included. */
  load(name: string, bytes: Uint8Array): Promise<RunInfo> {
    if (this.control.isTraining) throw new Error('stop training before loading a checkpoint');
    return this.control.run(async () => {
      this.adopt(name, bytes);
      const { run } = this.current!;
      this.post({ type: 'history', losses: run.losses, epochs: run.epochs });
      return this.info()!;
    });
  }

  private adopt(name: string, bytes: Uint8Array): void {
    const stored = storedRunOf(bytes, name);
    const network = networkFromRun(bytes, stored, name);
    const optimizer = createOptimizer(stored.config, network);
    const progress = loadCheckpoint(bytes, { model: network.module, optimizer });
    this.current = {
      network,
      optimizer,
      run: { ...stored, epochs: [...stored.epochs], losses: [...stored.losses] },
      steps: progress.step,
      origin: name,
    };
  }

  /**
   * Moves the network to another backend: it is saved to checkpoint bytes on the old one and
   * rebuilt from them on the new one (weights and optimizer state, exactly).
   */
  async moveTo(start: () => Promise<void>): Promise<void> {
    await this.control.run(async () => {
      const c = this.current;
      const saved = c ? await checkpointBytes(c) : undefined;
      await start();
      if (c && saved) {
        this.adopt(c.origin, saved);
        this.current = { ...this.current!, origin: c.origin };
      }
    });
  }

  private needNetwork(): Current {
    if (!this.current) throw new Error('there is no network yet: train one or upload a checkpoint');
    return this.current;
  }
}

/** mnist-demo's checkpoint: @snn/modules' weights and optimizer state, with the run in its metadata. */
async function checkpointBytes(c: Current): Promise<Uint8Array> {
  const bytes = await saveCheckpoint(
    { model: c.network.module, optimizer: c.optimizer },
    { epoch: c.run.epochs.length, step: c.steps },
  );
  return withRun(bytes, c.run);
}

function repeat(x: Float32Array, times: number): Float32Array {
  const out = new Float32Array(x.length * times);
  for (let t = 0; t < times; t++) out.set(x, t * x.length);
  return out;
}

import { OnnxRuntimeError } from '../errors.js';
import { decodeMetadata, type ModelInfo } from '../export/metadata.js';
import { onnx } from '../proto/onnx-proto.js';
import type { OrtModule, OrtSession, OrtSessionOptions, OrtTensor } from './ort-types.js';

/**
 * Options of {@link loadOnnx} and {@link OnnxPredictor.create}. Every field is optional.
 *
 * @example
 * ```ts
 * const predictor = await loadOnnx('model.onnx', { intraOpNumThreads: 2, batchSize: 1000 });
 * ```
 */
export interface PredictorOptions {
  /** Threads one operator may use (onnxruntime's intraOpNumThreads); default: onnxruntime's (one per core). */
  readonly intraOpNumThreads?: number;
  /** Most samples per run: larger inputs are split into batches of this size (default 256). */
  readonly batchSize?: number;
  /** Passed to onnxruntime as is, e.g. ['wasm'] or ['webgpu'] with onnxruntime-web. */
  readonly executionProviders?: readonly unknown[];
}

/** Class scores of a set of samples. */
export interface Prediction {
  /** Row-major [samples, classes]. */
  readonly scores: Float32Array;
  /** Number of samples scored (rows of `scores`). */
  readonly samples: number;
  /** Number of classes (columns of `scores`). */
  readonly classes: number;
  /** The highest-scoring class of each sample (the first one on ties). */
  readonly labels: Int32Array;
}

/** The state of a per-step model between steps: one array per state input, [batch, ...]. */
export type StepState = Readonly<Record<string, Float32Array>>;

/**
 * What {@link OnnxPredictor.step} returns: this step's output, the running scores and the state to
 * pass to the next step.
 *
 * @example
 * ```ts
 * const predictor = await loadOnnx('model-step.onnx'); // exported with form: 'step'
 * const frames = [new Float32Array(784), new Float32Array(784)]; // one input per time step
 * let state = predictor.initialState(1);
 * for (const x of frames) ({ state } = await predictor.step(x, state)); // frames: Float32Array[784] each
 * ```
 */
export interface StepResult {
  /** The network's output at this step, [batch, ...]. */
  readonly out: Float32Array;
  /** The decoder's running scores [batch, classes] (after the last step: the sequence's scores). */
  readonly scores: Float32Array | undefined;
  /** The state after this step: pass it to the next `step`. */
  readonly state: StepState;
}

/**
 * A model's input values, flattened row-major: a `Uint8Array` of pixels for models exported with a
 * `pixelTable` (`ModelInfo.input.dtype` 'uint8'), a `Float32Array` otherwise.
 *
 * @example
 * ```ts
 * const input: ModelInput = new Float32Array(4 * 784); // 4 samples of 784 values
 * ```
 */
export type ModelInput = Float32Array | Uint8Array;

const product = (s: readonly number[]) => s.reduce((a, b) => a * b, 1);

/**
 * A typed predictor over an exported model and an onnxruntime session (Node or web): `predict`
 * gives class scores for any number of samples, batched; per-step models also `step` one time step
 * at a time. `release()` frees the session. Made by {@link loadOnnx} (or `OnnxPredictor.create` with
 * any onnxruntime module).
 *
 * @example
 * ```ts
 * const model = new RecurrentSNN(784, 100, 10);
 * const encoder = new ConstantCurrentLIFEncoder(32);
 * const step = await loadOnnx(await exportOnnx(model, { inputShape: [784], encoder, decoder: maxLogSoftmax, form: 'step' }));
 * let state = step.initialState(1); // the per-step model's state, zeros for one sample
 * for (let t = 0; t < 32; t++) ({ state } = await step.step(new Float32Array(784).fill(0.5), state));
 * const { labels } = await step.predict(new Float32Array(784).fill(0.5)); // all 32 steps in one call
 * await step.release();
 * ```
 */
export class OnnxPredictor {
  private constructor(
    private readonly ort: OrtModule,
    private readonly session: OrtSession,
    /** What exportOnnx recorded about the model (undefined for other files: use `run`). */
    readonly info: ModelInfo | undefined,
    /** The model's other metadata (e.g. the mnist-demo preset). */
    readonly metadata: Readonly<Record<string, string>>,
    /** Most samples per run (option `batchSize`, default 256). */
    readonly batchSize: number,
    private readonly source: string,
  ) {}

  /**
   * A predictor over any onnxruntime module: what {@link loadOnnx} calls with onnxruntime-node (Node)
   * or onnxruntime-web (browsers). The session runs with one inter-op thread and no memory patterns.
   *
   * @param ort - onnxruntime-node's or onnxruntime-web's module.
   * @param bytes - The model (the bytes of a `.onnx` file).
   * @param options - Threads, batch size (default 256) and execution providers.
   * @param source - What to call the model in error messages (default `model`).
   * @throws {@link OnnxRuntimeError} for bad options, bytes that are not ONNX, or a model onnxruntime
   *   cannot load.
   * @example
   * ```ts
   * import { readFile } from 'node:fs/promises';
   * import { OnnxPredictor, type OrtModule } from '@snn/onnx';
   * import * as ort from 'onnxruntime-node';
   * const bytes = await readFile('model.onnx');
   * const runtime = ort as unknown as OrtModule; // see OrtModule
   * const predictor = await OnnxPredictor.create(runtime, bytes, { batchSize: 512 }, 'model.onnx');
   * ```
   */
  static async create(
    ort: OrtModule,
    bytes: Uint8Array,
    options: PredictorOptions = {},
    source = 'model',
  ): Promise<OnnxPredictor> {
    const batchSize = options.batchSize ?? 256;
    if (!Number.isInteger(batchSize) || batchSize < 1) {
      throw new OnnxRuntimeError(`batchSize must be an integer >= 1, got ${options.batchSize}`);
    }
    if (
      options.intraOpNumThreads !== undefined &&
      !(Number.isInteger(options.intraOpNumThreads) && options.intraOpNumThreads >= 1)
    ) {
      throw new OnnxRuntimeError(
        `intraOpNumThreads must be an integer >= 1, got ${options.intraOpNumThreads}`,
      );
    }
    let props: { key?: string | null; value?: string | null }[];
    try {
      props = onnx.ModelProto.decode(bytes).metadataProps ?? [];
    } catch (error) {
      throw new OnnxRuntimeError(`${source} is not an ONNX model: ${(error as Error).message}`);
    }
    const { info, extra } = decodeMetadata(props);
    const sessionOptions: OrtSessionOptions = {
      interOpNumThreads: 1,
      // Without memory patterns a run reuses the arena's blocks from the run before; with them the
      // second run allocates one new block for all its tensors, whose first touch (page faults) cost
      // 10x a run here for models with a [time, batch, ...] spike train.
      enableMemPattern: false,
      ...(options.intraOpNumThreads ? { intraOpNumThreads: options.intraOpNumThreads } : {}),
      ...(options.executionProviders ? { executionProviders: options.executionProviders } : {}),
    };
    let session: OrtSession;
    try {
      session = await ort.InferenceSession.create(bytes, sessionOptions);
    } catch (error) {
      throw new OnnxRuntimeError(`onnxruntime cannot load ${source}: ${(error as Error).message}`);
    }
    return new OnnxPredictor(ort, session, info, extra, batchSize, source);
  }

  /** The session's input names (`x` or `spikes`, then the states of a per-step model). */
  get inputNames(): readonly string[] {
    return this.session.inputNames;
  }

  /** The session's output names (`scores`, `outputs`, `out` and the next states, as exported). */
  get outputNames(): readonly string[] {
    return this.session.outputNames;
  }

  /** Runs the session once on raw tensors (any model). */
  async run(
    feeds: Record<string, { data: ModelInput; dims: readonly number[] }>,
  ): Promise<Record<string, OrtTensor>> {
    const tensors: Record<string, OrtTensor> = {};
    for (const [name, f] of Object.entries(feeds)) {
      tensors[name] = new this.ort.Tensor(f.data instanceof Uint8Array ? 'uint8' : 'float32', f.data, f.dims);
    }
    return this.session.run(tensors);
  }

  private model(): ModelInfo {
    if (!this.info) {
      throw new OnnxRuntimeError(
        `${this.source} was not written by @snn/onnx (no snn.model metadata): use run()`,
      );
    }
    return this.info;
  }

  private checkInput(input: ModelInput): void {
    const want = this.model().input.dtype;
    const ok = want === 'uint8' ? input instanceof Uint8Array : input instanceof Float32Array;
    if (!ok) {
      throw new OnnxRuntimeError(
        `${this.source} takes ${want === 'uint8' ? 'uint8 pixels (a Uint8Array)' : 'float32 values (a Float32Array)'}, got ${input?.constructor?.name ?? typeof input}`,
      );
    }
  }

  /** Samples (and steps, for sequence inputs) in an input of `length` values. */
  private layout(length: number, steps: number | undefined): { samples: number; steps: number } {
    const info = this.model();
    const per = product(info.input.shape);
    if (info.input.layout === 'image') {
      if (length % per !== 0) {
        throw new OnnxRuntimeError(
          `${this.source} takes samples of [${info.input.shape.join(', ')}] (${per} values), got ${length} values, not a whole number of samples`,
        );
      }
      return { samples: length / per, steps: info.steps ?? 0 };
    }
    const t = steps ?? info.steps ?? undefined;
    if (t === undefined || !Number.isInteger(t) || t < 1 || length % (t * per) !== 0) {
      throw new OnnxRuntimeError(
        `${this.source} takes a sequence [time, batch, ${info.input.shape.join(', ')}]: pass { steps } (the time dim) so that ${length} values split into steps x samples x ${per}${t ? `; ${t} steps do not divide it` : ''}`,
      );
    }
    return { samples: length / (t * per), steps: t };
  }

  /** Rows [start, end) of the input: a view for images, a copy of each step's rows for sequences. */
  private slice(
    input: ModelInput,
    layout: { samples: number; steps: number },
    start: number,
    end: number,
  ): ModelInput {
    const info = this.model();
    const per = product(info.input.shape);
    if (info.input.layout === 'image') return input.subarray(start * per, end * per);
    const rows = end - start;
    const out = new (input.constructor as Float32ArrayConstructor)(layout.steps * rows * per) as ModelInput;
    for (let t = 0; t < layout.steps; t++) {
      out.set(
        input.subarray((t * layout.samples + start) * per, (t * layout.samples + end) * per),
        t * rows * per,
      );
    }
    return out;
  }

  /**
   * Class scores for every sample of `input`: images [samples, ...shape] flattened, or a sequence
   * [time, samples, ...shape] (pass `steps` when the model does not fix it). Runs batches of
   * `batchSize`; per-step models are stepped through time with their state.
   */
  async predict(input: ModelInput, options: { steps?: number } = {}): Promise<Prediction> {
    const info = this.model();
    this.checkInput(input);
    if (info.decoder === null) {
      throw new OnnxRuntimeError(
        `${this.source} has no decoder (no class scores): use run() and read its outputs`,
      );
    }
    const layout = this.layout(input.length, options.steps);
    let scores: Float32Array | undefined;
    let classes = 0;
    for (let start = 0; start < layout.samples; start += this.batchSize) {
      const end = Math.min(layout.samples, start + this.batchSize);
      const batch = this.slice(input, layout, start, end);
      const s =
        info.form === 'step'
          ? await this.stepThrough(batch, end - start, layout.steps)
          : await this.runSequence(batch, end - start, layout.steps);
      if (!scores) {
        classes = s.length / (end - start);
        scores = new Float32Array(layout.samples * classes);
      }
      scores.set(s, start * classes);
    }
    scores ??= new Float32Array(0);
    const labels = new Int32Array(layout.samples);
    for (let i = 0; i < layout.samples; i++) {
      let best = 0;
      for (let c = 1; c < classes; c++) if (scores[i * classes + c] > scores[i * classes + best]) best = c;
      labels[i] = best;
    }
    return { scores, samples: layout.samples, classes, labels };
  }

  /** The class of each sample (argmax of its scores). */
  async classify(input: ModelInput, options: { steps?: number } = {}): Promise<Int32Array> {
    return (await this.predict(input, options)).labels;
  }

  private inputDims(rows: number, steps: number): number[] {
    const info = this.model();
    return info.input.layout === 'sequence'
      ? [steps, rows, ...info.input.shape]
      : [rows, ...info.input.shape];
  }

  private async runSequence(batch: ModelInput, rows: number, steps: number): Promise<Float32Array> {
    const info = this.model();
    const out = await this.run({ [info.input.name]: { data: batch, dims: this.inputDims(rows, steps) } });
    return Float32Array.from(out.scores.data as Float32Array);
  }

  private async stepThrough(batch: ModelInput, rows: number, steps: number): Promise<Float32Array> {
    const info = this.model();
    const per = product(info.input.shape) * rows;
    let state = this.initialState(rows);
    let last: StepResult | undefined;
    for (let t = 0; t < steps; t++) {
      const x = info.input.layout === 'sequence' ? batch.subarray(t * per, (t + 1) * per) : batch;
      last = await this.step(x, state, rows);
      state = last.state;
    }
    return last?.scores ?? new Float32Array(0);
  }

  /** A per-step model's state before the first step, for `batch` samples. */
  initialState(batch: number): StepState {
    const info = this.model();
    if (info.form !== 'step')
      throw new OnnxRuntimeError(`${this.source} is a whole-sequence model: it has no step state`);
    const state: Record<string, Float32Array> = {};
    for (const s of info.states) {
      const per = s.shape === null ? 1 : product(s.shape);
      const values = new Float32Array(s.shape === null ? 1 : batch * per);
      if (typeof s.init === 'number') values.fill(s.init);
      else for (let b = 0; b < batch; b++) values.set(s.init, b * per);
      state[s.input] = values;
    }
    return state;
  }

  /** One time step of a per-step model: x is this step's input [batch, ...shape]. */
  async step(x: ModelInput, state: StepState, batch?: number): Promise<StepResult> {
    const info = this.model();
    if (info.form !== 'step')
      throw new OnnxRuntimeError(`${this.source} is a whole-sequence model: use predict()`);
    this.checkInput(x);
    const per = product(info.input.shape);
    const rows = batch ?? x.length / per;
    if (!Number.isInteger(rows) || rows * per !== x.length) {
      throw new OnnxRuntimeError(
        `${this.source}: a step input holds [batch, ${info.input.shape.join(', ')}], got ${x.length} values`,
      );
    }
    const feeds: Record<string, { data: ModelInput; dims: readonly number[] }> = {
      [info.input.name]: { data: x, dims: [rows, ...info.input.shape] },
    };
    for (const s of info.states) {
      const values = state[s.input];
      if (!values)
        throw new OnnxRuntimeError(
          `${this.source}: the state has no "${s.input}" (start from initialState(batch))`,
        );
      feeds[s.input] = { data: values, dims: s.shape === null ? [] : [rows, ...s.shape] };
    }
    const out = await this.run(feeds);
    const next: Record<string, Float32Array> = {};
    for (const s of info.states) next[s.input] = out[s.output].data as Float32Array;
    return {
      out: out.out.data as Float32Array,
      scores: out.scores ? (out.scores.data as Float32Array) : undefined,
      state: next,
    };
  }

  /** Frees the onnxruntime session; the predictor cannot run afterwards. */
  async release(): Promise<void> {
    await this.session.release();
  }
}

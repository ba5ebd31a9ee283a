import { type Network, resolveStages } from '../convert/resolve-stages.js';
import { type DecoderSpec, planDecoder } from '../decoders/decoder-plan.js';
import { type EncoderSpec, planEncoder } from '../encoders/encoder-stage.js';
import { OnnxExportError } from '../errors.js';
import { GraphBuilder, NameScope } from '../graph/graph-builder.js';
import { type ModelProto, onnx } from '../proto/onnx-proto.js';
import { TensorTable } from './context.js';
import { encodeMetadata, type ModelInfo } from './metadata.js';
import type { Pipeline } from './pipeline.js';
import { buildSequenceGraph } from './sequence-graph.js';
import { buildStepGraph } from './step-graph.js';

/**
 * The ONNX operator set the files use: opset 17 (ONNX 1.12, IR version 8). onnxruntime 1.30 (Node
 * and web) runs it, and it is the newest that ONNX 1.12's checker and shape inference (Debian
 * 12's python3-onnx) verify, so every exported file can be checked here.
 */
export const OPSET = 17;
/** The ONNX IR version the files declare: 8, the one that goes with opset 17 (ONNX 1.12). */
export const IR_VERSION = 8;

/**
 * How {@link exportOnnx} shapes the graph: input shape (required), encoder, steps, decoder, form
 * and metadata. Only `inputShape` is required.
 *
 * @example
 * ```ts
 * const options: ExportOptions = {
 *   inputShape: [784],
 *   encoder: new ConstantCurrentLIFEncoder(32), // 32 steps, fixed by the encoder
 *   decoder: maxLogSoftmax,
 *   form: 'step', // one time step per run, state in and out
 * };
 * ```
 */
export interface ExportOptions {
  /** Shape of one input sample without the batch (and time) dim: [784], [1, 28, 28]. */
  readonly inputShape: readonly number[];
  /** How the input becomes the network's input at each step (see EncoderSpec); default 'direct'. */
  readonly encoder?: EncoderSpec;
  /** Time steps; required with 'direct' input, otherwise taken from the encoder. */
  readonly steps?: number;
  /**
   * A decoder of @snn/modules turning the outputs over time into class scores (output `scores`).
   * Without one the whole-sequence graph outputs the network's output at every step (`outputs`).
   */
  readonly decoder?: DecoderSpec;
  /** 'sequence' (default): input batch -> scores, one Loop over time. 'step': one time step, state in and out. */
  readonly form?: 'sequence' | 'step';
  /** Also output the network's output at every step (`outputs`, [time, batch, ...]) next to `scores`. */
  readonly emitSequence?: boolean;
  /**
   * Take uint8 pixels (0..255) and normalise them in the graph with this 256-entry table
   * (@snn/data-mnist's normalizationTable gives the exact floats its DataLoader uses).
   */
  readonly pixelTable?: Float32Array;
  /** What to do with a stochastic encoder: refuse it (default) or take its spike train as the input. */
  readonly stochastic?: 'refuse' | 'input';
  /** Extra model metadata (string key/values), e.g. the preset's name. */
  readonly metadata?: Readonly<Record<string, string>>;
  /** Model doc string. */
  readonly docString?: string;
}

const PRODUCER_VERSION = '0.0.0';

/**
 * Exports a network to an ONNX model (bytes of a `.onnx` file). The network is a module the
 * exporter knows or the list of a model's per-step pieces in order; parameters become initializers
 * named by their state-dict keys (`l1.input_weights`), thresholds comparisons and casts. Throws
 * OnnxExportError naming any module, encoder or decoder it cannot export, and why.
 *
 * @param network - A module the exporter knows (a layer, a cell, a `Sequential` of them,
 *   `RecurrentSNN`) or a model's per-step pieces in order.
 * @param options - inputShape (required), encoder (default 'direct'), steps, decoder, form (default
 *   'sequence'), metadata... (see {@link ExportOptions}).
 * @returns The bytes of the `.onnx` file (opset 17).
 * @example
 * ```ts
 * // Norse's tutorial model: pixels -> constant-current LIF encoder (32 steps) -> RecurrentSNN -> max over time
 * const model = new RecurrentSNN(784, 100, 10);
 * const bytes = await exportOnnx(model, { inputShape: [784], encoder: new ConstantCurrentLIFEncoder(32), decoder: maxLogSoftmax });
 * await writeOnnx('model.onnx', bytes); // input x [batch, 784], output scores [batch, 10]
 * ```
 */
export async function exportOnnx(network: Network, options: ExportOptions): Promise<Uint8Array> {
  const model = await buildModel(network, options);
  return onnx.ModelProto.encode(onnx.ModelProto.fromObject(model)).finish();
}

/**
 * The ModelProto object (for inspection); `exportOnnx` encodes it.
 *
 * @param network - As for {@link exportOnnx}.
 * @param options - As for {@link exportOnnx}.
 * @example
 * ```ts
 * const model = await buildModel(new Sequential(new Linear(784, 10), new LIFCell()), { inputShape: [784], steps: 25 });
 * console.log(model.graph?.input?.map((i) => i.name), model.graph?.output?.map((o) => o.name)); // ['x'] ['outputs']
 * console.log(model.opsetImport?.[0]?.version); // 17
 * ```
 */
export async function buildModel(network: Network, options: ExportOptions): Promise<ModelProto> {
  checkOptions(options);
  const table = await TensorTable.of(network);
  const form = options.form ?? 'sequence';
  const g = new GraphBuilder(new NameScope(), form === 'step' ? 'snn_step' : 'snn_sequence');
  table.attach(g);
  const encoder = planEncoder(options.encoder ?? 'direct', table, options.stochastic ?? 'refuse');
  const stages = resolveStages(network, table);
  if (stages.length === 0) throw new OnnxExportError('cannot export an empty network');
  const decoder = options.decoder ? planDecoder(options.decoder) : undefined;
  const steps = encoder.steps ?? options.steps;
  if (encoder.input === 'image' && steps === undefined) {
    throw new OnnxExportError(`the encoder ${encoder.description} fixes no number of steps: pass { steps }`);
  }
  if (encoder.steps !== undefined && options.steps !== undefined && options.steps !== encoder.steps) {
    throw new OnnxExportError(
      `steps ${options.steps} differs from the encoder's ${encoder.steps} (${encoder.description}); pass one of them`,
    );
  }
  if (encoder.input === 'sequence' && options.steps !== undefined) {
    throw new OnnxExportError(
      `steps ${options.steps} cannot be fixed for ${encoder.description}: the input sequence's first dim is the number of steps`,
    );
  }
  if (options.pixelTable && encoder.input === 'sequence') {
    throw new OnnxExportError(`pixelTable applies to image inputs, not to ${encoder.description}`);
  }
  const pipeline: Pipeline = {
    inputShape: options.inputShape,
    pixelTable: options.pixelTable,
    encoder,
    stages,
    decoder,
    steps,
  };
  const info: ModelInfo = {
    form,
    input: {
      name: encoder.input === 'sequence' && encoder.stage.kind === 'spike train input' ? 'spikes' : 'x',
      layout: encoder.input,
      shape: [...options.inputShape],
      dtype: options.pixelTable ? 'uint8' : 'float32',
    },
    steps: steps ?? null,
    encoder: encoder.description,
    stochasticEncoder: encoder.stochastic ?? null,
    decoder: decoder?.name ?? null,
    stages: stages.map((s) => `${s.name}: ${s.kind}`),
    states: [],
  };
  let states = info.states;
  if (form === 'step') states = buildStepGraph(g, pipeline);
  else if (!decoder && options.emitSequence === false) {
    throw new OnnxExportError(
      'a whole-sequence export without a decoder outputs the sequence: leave emitSequence on',
    );
  } else buildSequenceGraph(g, pipeline, { emitSequence: options.emitSequence ?? !decoder });
  const doc =
    options.docString ??
    `Spiking neural network exported by @snn/onnx (${form === 'step' ? 'one time step' : 'whole sequence'}): ` +
      `${encoder.description} -> ${info.stages.join(' -> ')}${decoder ? ` -> ${decoder.name}` : ''}`;
  return {
    irVersion: IR_VERSION,
    opsetImport: [{ domain: '', version: OPSET }],
    producerName: '@snn/onnx',
    producerVersion: PRODUCER_VERSION,
    docString: doc,
    graph: g.toProto(doc),
    metadataProps: encodeMetadata({ ...info, states }, options.metadata ?? {}),
  };
}

function checkOptions(o: ExportOptions): void {
  if (!o || !Array.isArray(o.inputShape) || o.inputShape.some((d) => !Number.isInteger(d) || d < 1)) {
    throw new OnnxExportError(
      `inputShape must list the positive sizes of one sample (no batch dim), e.g. [784]; got ${JSON.stringify(o?.inputShape)}`,
    );
  }
  if (o.steps !== undefined && (!Number.isInteger(o.steps) || o.steps < 1)) {
    throw new OnnxExportError(`steps must be an integer >= 1, got ${o.steps}`);
  }
  if (o.pixelTable && o.pixelTable.length !== 256) {
    throw new OnnxExportError(`pixelTable must hold 256 values (one per byte), got ${o.pixelTable.length}`);
  }
  if (o.form !== undefined && o.form !== 'sequence' && o.form !== 'step') {
    throw new OnnxExportError(`form must be 'sequence' or 'step', got ${String(o.form)}`);
  }
}

import type { Stage, StateValues } from '../convert/stage.js';
import type { Dim, GraphBuilder, Value } from '../graph/graph-builder.js';
import { Ops } from '../graph/ops.js';
import {
  BATCH,
  emitInput,
  emitStep,
  groupStates,
  hoistable,
  type NamedState,
  type Pipeline,
  planPipeline,
  TIME,
} from './pipeline.js';
import { pixelTrain } from './pixel-train.js';

/**
 * What the Loop's steps start from:
 * - 'constant': the network's input, the same at every step ([batch, ...]: direct input, population);
 * - 'train': the network's input at every step, known before the Loop ([time, batch, ...]: a spike
 *   train input);
 * - 'encode': the encoder runs in the Loop, from `value` (an image, or x_t of a delta sequence).
 */
type Source =
  | { readonly kind: 'constant'; readonly value: Value }
  | { readonly kind: 'train'; readonly value: Value }
  | { readonly kind: 'encode'; readonly value: Value; readonly sequence: boolean };

/**
 * The whole-sequence graph: input batch -> class scores (and, with `emitSequence`, the network's
 * output at every step [time, batch, ...]). One ONNX Loop runs the time steps; its body is the
 * per-step graph's nodes from the first stage that needs the loop on. Work that does not change
 * over time, or that does not depend on the state, is done once before the Loop:
 * - the encoder's preparation (latency spike times, population values);
 * - a pointwise encoder of uint8 pixels, run on the 256 byte values, its spike train looked up per
 *   pixel (`pixelTrain`), so that the input of every step is known before the Loop;
 * - when the input of every step is known before the Loop (a constant input or a whole spike
 *   train), the stateless layers before the first neuron and that cell's input projection, for all
 *   steps at once (one large MatMul instead of one per step: SpikingJelly's multi-step mode).
 */
export function buildSequenceGraph(g: GraphBuilder, p: Pipeline, options: { emitSequence: boolean }): void {
  const ops = new Ops(g, '');
  const source = loopSource(g, p, ops);
  const graphInput = g.inputs[0];
  const sequenceInput = p.encoder.input === 'sequence';
  const shape = ops.node('Shape', [graphInput], 'input_shape', {
    type: 'int64',
    shape: [graphInput.shape.length],
  });
  const batch = ops.node('Gather', [shape, g.constant([sequenceInput ? 1 : 0], 'int64')], 'batch_size', {
    type: 'int64',
    shape: [1],
    attrs: { axis: 0 },
  });
  const steps: Value = sequenceInput
    ? ops.node('Gather', [shape, g.constant(0, 'int64')], 'steps', {
        type: 'int64',
        shape: [],
        attrs: { axis: 0 },
      })
    : g.constant(p.steps as number, 'int64');

  const timeFirst = source.kind === 'train' || (source.kind === 'encode' && source.sequence);
  const sourceStep = timeFirst ? source.value.shape.slice(1) : source.value.shape;
  const { before, loop } =
    source.kind === 'encode'
      ? { before: [], loop: [...p.stages] }
      : hoistable(p.stages, sourceStep, source.kind === 'train');
  const loopInput =
    source.kind === 'train'
      ? allSteps(g, source.value, before)
      : before.reduce((v, stage) => stage.emit(new Ops(g, stage.name), v, {}).out, source.value);
  const perStep = timeFirst ? loopInput.shape.slice(1) : loopInput.shape;
  const inLoopEncoder = source.kind === 'encode';
  const { states } = planPipeline(p, perStep, { encoder: inLoopEncoder, stages: loop });
  const initial = states.map((s) => initialState(ops, s, batch));

  const init = groupStates(states, initial);
  const { finalStates, sequenceOut } = timeLoop(g, p, {
    steps,
    input: loopInput,
    timeFirst,
    states,
    init,
    encoder: inLoopEncoder,
    stages: loop,
    emitSequence: options.emitSequence,
  });
  if (p.decoder)
    g.output(p.decoder.scores(new Ops(g, 'decoder'), finalStates.get('decoder') ?? {}), 'scores');
  if (sequenceOut) g.output(sequenceOut, 'outputs');
}

interface TimeRun {
  /** Steps as a graph value (int64 scalar). */
  readonly steps: Value;
  /** The steps' input: the same value at every step, or [time, batch, ...] when `timeFirst`. */
  readonly input: Value;
  readonly timeFirst: boolean;
  readonly states: readonly NamedState[];
  readonly init: ReadonlyMap<string, StateValues>;
  readonly encoder: boolean;
  readonly stages: readonly Stage[];
  readonly emitSequence: boolean;
}

type TimeResult = { finalStates: ReadonlyMap<string, StateValues>; sequenceOut: Value | undefined };

/** The time steps as one ONNX Loop whose body is one step. */
function timeLoop(g: GraphBuilder, p: Pipeline, r: TimeRun): TimeResult {
  const body = g.subgraph('step');
  const iteration = body.input('step/iteration', 'int64', []);
  const condIn = body.input('step/condition', 'bool', []);
  const current = r.states.map((s) => body.input(s.id, 'float32', s.shape));
  const bodyOps = new Ops(body, 'step');
  const x = r.timeFirst
    ? bodyOps.node('Gather', [r.input, iteration], 'x_t', {
        shape: r.input.shape.slice(1),
        attrs: { axis: 0 },
      })
    : r.input;
  const step = emitStep(body, p, x, groupStates(r.states, current), {
    encoder: r.encoder,
    stages: r.stages,
    withScores: false,
  });
  body.output(bodyOps.unary('Identity', condIn, 'condition'));
  for (const s of r.states) body.output(step.next.get(s.owner)![s.key]);
  if (r.emitSequence) body.output(step.out);
  const finals = g.opN('Loop', [r.steps, null, ...r.states.map((s) => r.init.get(s.owner)![s.key])], {
    attrs: { body: body.toProto() },
    outputs: [
      ...r.states.map((s) => ({ name: `${s.id}_final`, type: 'float32' as const, shape: s.shape })),
      ...(r.emitSequence
        ? [{ name: 'outputs_seq', type: 'float32' as const, shape: [TIME, ...step.out.shape] }]
        : []),
    ],
  });
  return {
    finalStates: groupStates(r.states, finals.slice(0, r.states.length)),
    sequenceOut: r.emitSequence ? finals[r.states.length] : undefined,
  };
}

function loopSource(g: GraphBuilder, p: Pipeline, ops: Ops): Source {
  const { pixelTable } = p;
  if (p.encoder.input === 'image' && p.encoder.pointwise && !p.encoder.prepare && pixelTable) {
    return { kind: 'train', value: pixelTrain(g, { ...p, pixelTable }) };
  }
  const input = emitInput(g, p, false);
  if (p.encoder.input === 'sequence') {
    const spikeTrainInput = p.encoder.stage.plan(input.shape.slice(1)).states.length === 0;
    return spikeTrainInput
      ? { kind: 'train', value: input }
      : { kind: 'encode', value: input, sequence: true };
  }
  const prepared = p.encoder.prepare ? p.encoder.prepare(ops, input) : input;
  return p.encoder.constant
    ? { kind: 'constant', value: prepared }
    : { kind: 'encode', value: prepared, sequence: false };
}

/**
 * `stages` applied to every step of `train` [time, batch, ...] at once: the steps become one batch
 * [time * batch, ...] and come apart again after.
 */
function allSteps(g: GraphBuilder, train: Value, stages: readonly Stage[]): Value {
  if (stages.length === 0) return train;
  const ops = new Ops(g, 'all_steps');
  const features = train.shape.slice(2) as number[];
  const rows: Dim = 'time_x_batch';
  let y = ops.reshape(train, [-1, ...features], [rows, ...features], 'rows');
  for (const stage of stages) y = stage.emit(new Ops(g, stage.name), y, {}).out;
  const outFeatures = y.shape.slice(1) as number[];
  const shape = ops.node('Shape', [train], 'train_shape', { type: 'int64', shape: [train.shape.length] });
  const lead = ops.node('Slice', [shape, g.constant([0], 'int64'), g.constant([2], 'int64')], 'time_batch', {
    type: 'int64',
    shape: [2],
  });
  const target = ops.node('Concat', [lead, g.constant(outFeatures, 'int64')], 'target_shape', {
    type: 'int64',
    shape: [2 + outFeatures.length],
    attrs: { axis: 0 },
  });
  return ops.node('Reshape', [y, target], 'by_step', {
    shape: [train.shape[0], train.shape[1], ...outFeatures],
  });
}

/** The state's value before step 0, broadcast to [batch, ...] (counters stay scalars). */
function initialState(ops: Ops, s: NamedState, batch: Value): Value {
  const init = typeof s.init === 'number' ? ops.value(s.init) : s.init.value;
  if (s.shape.length === 0) return typeof s.init === 'number' ? ops.g.constant(s.init) : init;
  if (s.shape[0] !== BATCH || s.shape.slice(1).some((d) => typeof d !== 'number')) {
    throw new Error(`internal: state ${s.id} has shape [${s.shape.join(', ')}]`);
  }
  const rest = ops.g.constant(s.shape.slice(1) as number[], 'int64');
  const target = ops.node('Concat', [batch, rest], `${s.id}/shape`, {
    type: 'int64',
    shape: [s.shape.length],
    attrs: { axis: 0 },
  });
  return ops.node('Expand', [init, target], `${s.id}/initial`, { shape: s.shape });
}

import type { GraphBuilder, Value } from '../graph/graph-builder.js';
import { Ops } from '../graph/ops.js';
import {
  BATCH,
  emitInput,
  emitStep,
  groupStates,
  hoistableCount,
  type NamedState,
  type Pipeline,
  planPipeline,
  TIME,
} from './pipeline.js';

/**
 * The whole-sequence graph: input batch -> class scores (and, with `emitSequence`, the network's
 * output at every step [time, batch, ...]). One ONNX Loop runs the time steps; its body is exactly
 * the per-step graph's nodes. Work that does not change over time is done once, before the Loop:
 * the encoder's preparation (latency spike times, population values) and, when the network input
 * is the same at every step (direct input), the stateless layers before the first neuron.
 */
export function buildSequenceGraph(g: GraphBuilder, p: Pipeline, options: { emitSequence: boolean }): void {
  const ops = new Ops(g, '');
  const input = emitInput(g, p, false);
  const sequence = p.encoder.input === 'sequence';
  const shape = ops.node('Shape', [input], 'input_shape', { type: 'int64', shape: [input.shape.length] });
  const batch = ops.node('Gather', [shape, g.constant([sequence ? 1 : 0], 'int64')], 'batch_size', {
    type: 'int64',
    shape: [1],
    attrs: { axis: 0 },
  });
  const steps: Value = sequence
    ? ops.node('Gather', [shape, g.constant(0, 'int64')], 'steps', {
        type: 'int64',
        shape: [],
        attrs: { axis: 0 },
      })
    : g.constant(p.steps as number, 'int64');

  // Once per input: the encoder's preparation, then the hoisted stateless prefix.
  let loopInput: Value = sequence ? input : p.encoder.prepare ? p.encoder.prepare(ops, input) : input;
  const hoisted = hoistableCount(p);
  const perStepShape = sequence ? loopInput.shape.slice(1) : loopInput.shape;
  for (const stage of p.stages.slice(0, hoisted))
    loopInput = stage.emit(new Ops(g, stage.name), loopInput, {}).out;

  const { states } = planPipeline(p, perStepShape);
  const initial = states.map((s) => initialState(ops, s, batch));

  const body = g.subgraph('step');
  const iteration = body.input('step/iteration', 'int64', []);
  const condIn = body.input('step/condition', 'bool', []);
  const current = states.map((s) => body.input(s.id, 'float32', s.shape));
  const bodyOps = new Ops(body, 'step');
  const x = sequence
    ? bodyOps.node('Gather', [loopInput, iteration], 'x_t', {
        shape: loopInput.shape.slice(1),
        attrs: { axis: 0 },
      })
    : loopInput;
  const step = emitStep(body, p, x, groupStates(states, current), { first: hoisted, withScores: false });
  body.output(bodyOps.unary('Identity', condIn, 'condition'));
  for (const s of states) body.output(step.next.get(s.owner)![s.key]);
  if (options.emitSequence) body.output(step.out);

  const finals = g.opN('Loop', [steps, null, ...initial], {
    attrs: { body: body.toProto() },
    outputs: [
      ...states.map((s) => ({ name: `${s.id}_final`, type: 'float32' as const, shape: s.shape })),
      ...(options.emitSequence
        ? [{ name: 'outputs_seq', type: 'float32' as const, shape: [TIME, ...step.out.shape] }]
        : []),
    ],
  });
  if (p.decoder) {
    const final = groupStates(states, finals.slice(0, states.length)).get('decoder') ?? {};
    g.output(p.decoder.scores(new Ops(g, 'decoder'), final), 'scores');
  }
  if (options.emitSequence) g.output(finals[states.length], 'outputs');
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

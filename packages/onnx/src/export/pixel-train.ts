import type { GraphBuilder, Value } from '../graph/graph-builder.js';
import { Ops } from '../graph/ops.js';
import { BATCH, groupStates, type NamedState, type Pipeline, pixelIndex } from './pipeline.js';

/**
 * The spike train [time, batch, ...] of an image batch given as uint8 pixels, for an encoder whose
 * every element depends on its own pixel only (`EncoderPlan.pointwise`, e.g. the constant-current
 * LIF encoder): a pixel byte has 256 values, so the encoder runs its steps once on the 256
 * normalised values (a [1, 256] row, the library's elementwise arithmetic on the library's
 * values, hence the same spikes) and each image's train is looked up by byte (one
 * Gather). The per-step encoder over [batch, 784] was most of a norse-recurrent step's work; with
 * the whole train known before the main Loop, the first cell's input projection runs once for all
 * steps too (see `hoistable`).
 */
export function pixelTrain(g: GraphBuilder, p: Pipeline & { pixelTable: Float32Array }): Value {
  const steps = p.steps;
  if (steps === undefined)
    throw new Error('internal: a pointwise encoder of images has a fixed number of steps');
  const ops = new Ops(g, 'pixels');
  const x = g.input('x', 'uint8', [BATCH, ...p.inputShape]);
  const pixelValues = pixelIndex(g, p.pixelTable, x);
  const { index } = pixelValues;
  const row = ops.reshape(pixelValues.table, [1, 256], [1, 256], 'values');
  const states: NamedState[] = p.encoder.stage
    .plan(row.shape)
    .states.map((s) => ({ ...s, owner: 'encoder', id: `encoder.${s.key}` }));
  const initial = states.map((s) => {
    if (typeof s.init !== 'number') throw new Error(`internal: encoder state ${s.id} starts from a tensor`);
    return ops.node('Expand', [g.constant(s.init), g.constant([1, 256], 'int64')], `${s.id}/initial`, {
      shape: s.shape,
    });
  });

  // The steps unrolled: every input of these nodes is a constant, so onnxruntime folds them into
  // the table [time, 256] when it loads the model (a Loop would run them, 32 iterations, every run).
  let state = groupStates(states, initial).get('encoder') ?? {};
  const spikes: Value[] = [];
  for (let t = 0; t < steps; t++) {
    const step = p.encoder.stage.emit(new Ops(g, `encoder/t${t}`), row, state);
    spikes.push(step.out);
    state = step.state;
  }
  const byValue = ops.node('Concat', spikes, 'train_by_value', { shape: [steps, 256], attrs: { axis: 0 } });
  // Looked up as rows of `steps` floats, one per pixel (a Gather on axis 0 copies whole rows; on
  // axis 1 it copies single floats, 2x slower here), then one 2-D Transpose to [time, pixels].
  const table = ops.node('Transpose', [byValue], 'train_table', {
    shape: [256, steps],
    attrs: { perm: [1, 0] },
  });
  const pixels = ops.reshape(index, [-1], ['pixels'], 'flat_index');
  const byPixel = ops.node('Gather', [table, pixels], 'train_by_pixel', {
    shape: ['pixels', steps],
    attrs: { axis: 0 },
  });
  const byStep = ops.node('Transpose', [byPixel], 'train_by_step', {
    shape: [steps, 'pixels'],
    attrs: { perm: [1, 0] },
  });
  return ops.reshape(byStep, [steps, -1, ...p.inputShape], [steps, BATCH, ...p.inputShape], 'train');
}

import { firingRate, lastStep, maxLogSoftmax, maxOverTime, spikeCount } from '@snn/modules';
import type { StateSpec, StateValues } from '../convert/stage.js';
import { OnnxExportError } from '../errors.js';
import type { Dim, Value } from '../graph/graph-builder.js';
import type { Ops } from '../graph/ops.js';

/**
 * A decoder of @snn/modules (maxOverTime, maxLogSoftmax, lastStep, firingRate, spikeCount), turning
 * the network's outputs over time into class scores. In the graph it is a running accumulator
 * carried from step to step (so no [time, batch, ...] recording is kept) and a final map to scores.
 */
export type DecoderSpec = (x: never) => unknown;

export interface DecoderPlan {
  readonly name: string;
  states(output: readonly Dim[]): StateSpec[];
  accumulate(ops: Ops, out: Value, state: StateValues): StateValues;
  scores(ops: Ops, state: StateValues): Value;
}

const keep = (
  name: string,
  key: string,
  init: number,
  step: (ops: Ops, acc: Value, out: Value) => Value,
) => ({
  states: (output: readonly Dim[]): StateSpec[] => [{ key, shape: output, init }],
  accumulate: (ops: Ops, out: Value, s: StateValues): StateValues => ({ [key]: step(ops, s[key], out) }),
  name,
});

export function planDecoder(decoder: DecoderSpec): DecoderPlan {
  const running = keep('maxOverTime', 'max', Number.NEGATIVE_INFINITY, (ops, acc, out) =>
    ops.maximum(acc, out, 'max'),
  );
  if ((decoder as unknown) === maxOverTime)
    return { ...running, scores: (ops, s) => ops.unary('Identity', s.max, 'scores') };
  if ((decoder as unknown) === maxLogSoftmax) {
    return {
      ...running,
      name: 'maxLogSoftmax',
      scores: (ops, s) =>
        ops.node('LogSoftmax', [s.max], 'scores', { shape: s.max.shape, attrs: { axis: -1 } }),
    };
  }
  if ((decoder as unknown) === lastStep) {
    const last = keep('lastStep', 'last', 0, (ops, _acc, out) => ops.unary('Identity', out, 'last'));
    return { ...last, scores: (ops, s) => ops.unary('Identity', s.last, 'scores') };
  }
  const sum = keep('spikeCount', 'sum', 0, (ops, acc, out) => ops.add(acc, out, 'sum'));
  if ((decoder as unknown) === spikeCount)
    return { ...sum, scores: (ops, s) => ops.unary('Identity', s.sum, 'scores') };
  if ((decoder as unknown) === firingRate) {
    return {
      name: 'firingRate',
      states: (output) => [...sum.states(output), { key: 'count', shape: [], init: 0 }],
      accumulate: (ops, out, s) => ({ ...sum.accumulate(ops, out, s), count: ops.add(s.count, 1, 'count') }),
      // mean over time, as core's mean: the sum divided by the number of steps.
      scores: (ops, s) => ops.div(s.sum, s.count, 'scores'),
    };
  }
  const name = (decoder as { name?: string }).name || 'an anonymous function';
  throw new OnnxExportError(
    `cannot export the decoder ${name}: not a decoder of @snn/modules the exporter knows (maxOverTime, maxLogSoftmax, lastStep, firingRate, spikeCount)`,
  );
}

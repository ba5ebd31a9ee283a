import type { DeltaOptions, LatencyOptions, PopulationOptions } from '@snn/encoders';
import type { Stage } from '../convert/stage.js';
import { OnnxExportError } from '../errors.js';
import type { Value } from '../graph/graph-builder.js';
import type { Ops } from '../graph/ops.js';

/*
 * snnTorch's latency and delta codes and Norse's population code (packages/encoders), node for node
 * in the order @snn/encoders computes them.
 */

/** torch.round as @snn/encoders' roundHalfEven computes it (floor(x + 0.5), ties to even). */
function roundHalfEven(ops: Ops, x: Value): Value {
  const r = ops.unary('Floor', ops.add(x, 0.5, 'x_plus_half'), 'r');
  const tie = ops.equal(ops.sub(r, x, 'r_minus_x'), 0.5, 'tie');
  const half = ops.unary('Floor', ops.mul(r, 0.5, 'r_half'), 'r_half_floor');
  const odd = ops.not(ops.equal(ops.sub(r, ops.mul(half, 2, 'r_even'), 'r_parity'), 0, 'even'), 'odd');
  return ops.where(ops.and(tie, odd, 'tie_odd'), ops.sub(r, 1, 'r_down'), r, 'step');
}

const reduceAll = (ops: Ops, op: 'ReduceMin' | 'ReduceMax', x: Value, what: string): Value =>
  ops.node(op, [x], what, { shape: [], attrs: { keepdims: 0 } });

/**
 * The spike step of every input element, computed once per input: latency's spike time rounded,
 * with -1 (never) where the library clears the spike (the whole last step when some time falls past
 * it, and inputs below the threshold with `clip`).
 */
export function latencyPrepare(numSteps: number, o: LatencyOptions): (ops: Ops, x: Value) => Value {
  const threshold = o.threshold ?? 0.01;
  const epsilon = o.epsilon ?? 1e-7;
  const fst = o.firstSpikeTime ?? 0;
  const normalize = o.normalize ?? false;
  const linear = o.linear ?? false;
  let tau = o.tau ?? 1;
  if (!(threshold > 0 && threshold < 1) || !(tau > 0) || !(epsilon > 0)) {
    throw new OnnxExportError(
      `encoder latency: invalid options ${JSON.stringify(o)} (see @snn/encoders latency)`,
    );
  }
  if (!Number.isInteger(fst) || fst < 0 || fst > numSteps - 1) {
    throw new OnnxExportError(
      `encoder latency: firstSpikeTime must be an integer in [0, ${numSteps - 1}], got ${fst}`,
    );
  }
  if (linear && normalize) tau = numSteps - 1 - fst;
  return (outer, x) => {
    const ops = outer.scoped('encoder');
    let t: Value;
    if (!linear) {
      const xs = ops.maximum(x, threshold + epsilon, 'x_clamped');
      t = ops.mul(
        ops.unary('Log', ops.div(xs, ops.sub(xs, threshold, 'x_minus_threshold'), 'ratio'), 'log_ratio'),
        tau,
        't',
      );
      if (fst > 0)
        t = ops.add(ops.sub(t, reduceAll(ops, 'ReduceMin', t, 't_min'), 't_from_min'), fst, 't_shifted');
      if (normalize) {
        const shifted = ops.sub(t, fst, 't_minus_first');
        const stretched = ops.div(
          ops.mul(shifted, numSteps - fst - 1, 't_stretched'),
          reduceAll(ops, 'ReduceMax', shifted, 't_max'),
          't_normalized',
        );
        t = ops.add(stretched, fst, 't_final');
      }
    } else {
      const lin = ops.mul(ops.sub(x, 1, 'x_minus_one'), -tau, 't_linear');
      t = ops.add(ops.minimum(lin, -tau * (threshold - 1), 't_capped'), fst, 't');
      if (normalize) {
        const lo = reduceAll(ops, 'ReduceMin', t, 't_min');
        const span = ops.sub(reduceAll(ops, 'ReduceMax', t, 't_max'), lo, 't_span');
        const rescaled = ops.mul(
          ops.div(ops.sub(t, lo, 't_from_min'), span, 't_unit'),
          numSteps - 1,
          't_rescaled',
        );
        t = ops.where(ops.less(lo, 0, 'negative'), rescaled, t, 't_final');
      }
    }
    const step = roundHalfEven(ops, t);
    const last = numSteps - 1;
    const overflow = ops.greater(reduceAll(ops, 'ReduceMax', step, 'step_max'), last, 'overflow');
    let cleared = ops.and(ops.equal(step, last, 'at_last_step'), overflow, 'cleared');
    if (o.clip)
      cleared = ops.node('Or', [cleared, ops.less(x, threshold, 'below')], 'cleared_or_below', {
        type: 'bool',
      });
    return ops.where(cleared, -1, step, 'spike_step');
  };
}

/** One latency step: a spike where the element's spike step is this step; a step counter as state. */
export function latencyStage(numSteps: number, _o: LatencyOptions): Stage {
  return {
    name: 'encoder',
    kind: `latency(numSteps ${numSteps})`,
    plan: (input) => ({ output: input, states: [{ key: 't', shape: [], init: 0 }] }),
    emit(ops, spikeStep, s) {
      const z = ops.cast(ops.equal(spikeStep, s.t, 'is_now'), 'float32', 'z');
      return { out: z, state: { t: ops.add(s.t, 1, 't') } };
    },
  };
}

/** snnTorch's delta code, one step: fire on a change of at least `threshold` since the last step. */
export function deltaStage(o: DeltaOptions): Stage {
  const threshold = o.threshold ?? 0.1;
  if (!Number.isFinite(threshold))
    throw new OnnxExportError(`encoder delta: threshold must be finite, got ${threshold}`);
  const padding = o.padding ?? false;
  return {
    name: 'encoder',
    kind: 'delta',
    plan: (input) => ({
      output: input,
      states: [
        { key: 'previous', shape: input, init: 0 },
        ...(padding ? [{ key: 'started', shape: [], init: 0 }] : []),
      ],
    }),
    emit(ops, x, s) {
      // With padding the first step is compared with itself (no spike), as x[-1] = x[0].
      const previous = padding
        ? ops.where(ops.greater(s.started, 0, 'has_previous'), s.previous, x, 'previous_or_x')
        : s.previous;
      const change = ops.sub(x, previous, 'change');
      const on = ops.cast(ops.greaterEqual(change, threshold, 'rose'), 'float32', 'on');
      const out = o.offSpike
        ? ops.sub(on, ops.cast(ops.lessEqual(change, -threshold, 'fell'), 'float32', 'off'), 'z')
        : on;
      const next = { previous: ops.unary('Identity', x, 'previous') };
      return { out, state: padding ? { ...next, started: ops.maximum(s.started, 1, 'started') } : next };
    },
  };
}

/** Norse's population code with its Gaussian kernel: x [batch, ...] -> [batch, outFeatures, ...]. */
export function populationPrepare(outFeatures: number, o: PopulationOptions): (ops: Ops, x: Value) => Value {
  const sigma = o.sigma ?? 1;
  if (!(sigma > 0)) throw new OnnxExportError(`encoder populationEncode: sigma must be > 0, got ${sigma}`);
  return (outer, x) => {
    const ops = outer.scoped('encoder');
    const scale: Value = o.scale ? ops.value(o.scale) : reduceAll(ops, 'ReduceMax', x, 'scale');
    const rest = x.shape.slice(1);
    const unit = Array.from({ length: outFeatures }, (_, k) =>
      outFeatures === 1 ? 0 : k / (outFeatures - 1),
    );
    const unitShape = [1, outFeatures, ...rest.map(() => 1)];
    const unitValue = ops.reshape(ops.g.constant(unit), unitShape, unitShape, 'centres_unit');
    const centres = ops.mul(unitValue, scale, 'centres');
    const xe = ops.node('Unsqueeze', [x, ops.g.constant([1], 'int64')], 'x_expanded', {
      shape: [x.shape[0], 1, ...rest],
    });
    const d = ops.sub(xe, centres, 'difference');
    const distances = ops.mul(ops.mul(d, d, 'squared'), scale, 'distances');
    return ops.unary('Exp', ops.div(distances, -2 * sigma * sigma, 'exponent'), 'values');
  };
}

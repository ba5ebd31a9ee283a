import { type LIFParameters, type LIParameters, lifParameters, liParameters, type Tensor } from '@snn/core';
import { isExactly, LI, LICell, LIF, LIFCell, LIFRecurrentCell, LILinearCell } from '@snn/modules';
import { OnnxExportError } from '../errors.js';
import type { Dim, Value } from '../graph/graph-builder.js';
import type { Ops } from '../graph/ops.js';
import { type ExportContext, type Stage, type StateInit, statelessStage } from './stage.js';

/*
 * Norse's neurons (core/neuron/lif.ts and li.ts), one Euler step each, node for node in the order
 * core evaluates them: a product of two numbers is folded on the host as core's scaleParam does,
 * everything else is one ONNX node per core op, so float32 rounding is the same.
 */

type Param = number | Tensor;

/** core's scaleParam(a, p): folded when p is a number, a Mul node when it is a tensor. */
export function scaled(ops: Ops, ctx: ExportContext, a: number, p: Param, name: string, what: string): Value {
  return typeof p === 'number' ? ops.value(a * p) : ops.mul(a, ctx.param(p, name), what);
}

export function stateInit(ctx: ExportContext, p: Param, name: string): StateInit {
  return typeof p === 'number' ? p : { value: ctx.param(p, name), data: ctx.data(p) };
}

/**
 * core's resetTo: (1 - z)*vd + z*vReset. With vReset the number 0 that is vd where no spike and 0
 * where one, written as one Where (the same values; (1 - 1)*vd may be -0 where this gives +0, a
 * sign no later step can see).
 */
export function resetTo(
  ops: Ops,
  ctx: ExportContext,
  vd: Value,
  fire: { fired: Value; spikes: Value },
  vReset: Param,
  key: string,
): Value {
  if (vReset === 0) return ops.where(fire.fired, 0, vd, 'v');
  const kept = ops.mul(ops.sub(1, fire.spikes, 'not_spiked'), vd, 'v_kept');
  return ops.add(kept, ops.mul(fire.spikes, ctx.param(vReset, `${key}.v_reset`), 'v_reset'), 'v');
}

export function checkDt(name: string, kind: string, dt: number): void {
  if (!(dt > 0)) throw new OnnxExportError(`${name} (${kind}): dt must be > 0, got ${dt}`);
}

/** lif_feed_forward_step: decay with the old current, spike, reset, then add the input. */
function lifFeedForwardStage(
  name: string,
  kind: string,
  ctx: ExportContext,
  q: LIFParameters,
  dt: number,
): Stage {
  checkDt(name, kind, dt);
  return {
    name,
    kind,
    plan: (input) => ({
      output: input,
      states: [
        { key: 'v', shape: input, init: stateInit(ctx, q.vLeak, `${name}.v_leak`) },
        { key: 'i', shape: input, init: 0 },
      ],
    }),
    emit(ops, x, s) {
      const { fire, v, i } = lifFeedForwardUpdate(ops, ctx, name, q, dt, s.v, s.i, x);
      return { out: fire.spikes, state: { v, i } };
    },
  };
}

/** lif_feed_forward_step's nodes on state (v, i): also the inner step of LIFRefracCell. */
export function lifFeedForwardUpdate(
  ops: Ops,
  ctx: ExportContext,
  name: string,
  q: LIFParameters,
  dt: number,
  v0: Value,
  i0: Value,
  x: Value,
): { fire: { fired: Value; spikes: Value }; v: Value; i: Value } {
  const vLeak = ctx.param(q.vLeak, `${name}.v_leak`);
  const kMem = scaled(ops, ctx, dt, q.tauMemInv, `${name}.tau_mem_inv`, 'dt_tau_mem_inv');
  const kSyn = scaled(ops, ctx, -dt, q.tauSynInv, `${name}.tau_syn_inv`, 'neg_dt_tau_syn_inv');
  const drive = ops.add(ops.sub(vLeak, v0, 'leak'), i0, 'drive');
  const vd = ops.add(v0, ops.mul(drive, kMem, 'dv'), 'v_decayed');
  const id = ops.add(i0, ops.mul(i0, kSyn, 'di'), 'i_decayed');
  const fire = ops.fire(vd, ctx.param(q.vTh, `${name}.v_th`), false, 'z');
  const v = resetTo(ops, ctx, vd, fire, q.vReset, name);
  return { fire, v, i: ops.add(id, x, 'i') };
}

/** li_feed_forward_step / li_step: the input jumps the current first, then both decay. */
function liStage(
  name: string,
  kind: string,
  ctx: ExportContext,
  q: LIParameters,
  dt: number,
  weights: Tensor | null,
): Stage {
  checkDt(name, kind, dt);
  const outShape = (input: readonly Dim[]): Dim[] => {
    if (!weights) return [...input];
    const [hidden, inputs] = weights.shape;
    if (input.length !== 2 || input[1] !== inputs) {
      throw new OnnxExportError(
        `${name} (${kind}): expects a per-step input [batch, ${inputs}], got [${input.join(', ')}]`,
      );
    }
    return [input[0], hidden];
  };
  const project = (ops: Ops, x: Value): Value =>
    weights ? ops.linear(x, ctx.tensor(weights, `${name}.input_weights`), null, 'current') : x;
  return {
    name,
    kind,
    plan(input) {
      const shape = outShape(input);
      return {
        output: shape,
        states: [
          { key: 'v', shape, init: stateInit(ctx, q.vLeak, `${name}.v_leak`) },
          { key: 'i', shape, init: 0 },
        ],
      };
    },
    emit(ops, x, s) {
      const j = ops.add(s.i, project(ops, x), 'i_jump');
      const kMem = scaled(ops, ctx, dt, q.tauMemInv, `${name}.tau_mem_inv`, 'dt_tau_mem_inv');
      const kSyn = scaled(ops, ctx, -dt, q.tauSynInv, `${name}.tau_syn_inv`, 'neg_dt_tau_syn_inv');
      const drive = ops.add(ops.sub(ctx.param(q.vLeak, `${name}.v_leak`), s.v, 'leak'), j, 'drive');
      const v = ops.add(s.v, ops.mul(drive, kMem, 'dv'), 'v');
      const i = ops.add(j, ops.mul(j, kSyn, 'di'), 'i');
      return { out: v, state: { v, i } };
    },
    split: weights
      ? () => [
          statelessStage(name, `${kind} input projection`, outShape, project),
          liStage(name, kind, ctx, q, dt, null),
        ]
      : undefined,
  };
}

/** lif_step: jump (input and recurrent spikes), integrate, spike, reset (detached: same values). */
function lifRecurrentStage(
  name: string,
  cell: LIFRecurrentCell,
  ctx: ExportContext,
  projected = false,
): Stage {
  const kind = 'LIFRecurrentCell';
  const q = lifParameters(cell.p);
  checkDt(name, kind, cell.dt);
  const n = cell.hiddenSize;
  const project = (ops: Ops, x: Value): Value =>
    ops.linear(x, ctx.tensor(cell.input_weights.value, `${name}.input_weights`), null, 'input_current');
  // The forward pass multiplies by the off-diagonal mask; the weights stored hold the product.
  const recurrentWeights = () =>
    cell.autapses
      ? ctx.tensor(cell.recurrent_weights.value, `${name}.recurrent_weights`)
      : ctx.tensorWith(cell.recurrent_weights.value, `${name}.recurrent_weights`, (w) => {
          const out = Float32Array.from(w);
          for (let k = 0; k < n; k++) out[k * n + k] = 0;
          return out;
        });
  const outShape = (input: readonly Dim[]): Dim[] => {
    const width = projected ? n : cell.inputSize;
    if (input.length !== 2 || input[1] !== width) {
      throw new OnnxExportError(
        `${name} (${kind}(${cell.inputSize}, ${n})): expects a per-step input [batch, ${width}], got [${input.join(', ')}]`,
      );
    }
    return [input[0], n];
  };
  return {
    name,
    kind,
    plan(input) {
      const shape = outShape(input);
      return {
        output: shape,
        states: [
          { key: 'z', shape, init: 0 },
          { key: 'v', shape, init: stateInit(ctx, q.vLeak, `${name}.v_leak`) },
          { key: 'i', shape, init: 0 },
        ],
      };
    },
    emit(ops, x, s) {
      const jumpIn = projected ? x : project(ops, x);
      const recurrent = ops.linear(s.z, recurrentWeights(), null, 'recurrent_current');
      const ij = ops.add(ops.add(s.i, jumpIn, 'i_jump_input'), recurrent, 'i_jump');
      const kMem = scaled(ops, ctx, cell.dt, q.tauMemInv, `${name}.tau_mem_inv`, 'dt_tau_mem_inv');
      const kSyn = scaled(ops, ctx, -cell.dt, q.tauSynInv, `${name}.tau_syn_inv`, 'neg_dt_tau_syn_inv');
      const drive = ops.add(ops.sub(ctx.param(q.vLeak, `${name}.v_leak`), s.v, 'leak'), ij, 'drive');
      const vd = ops.add(s.v, ops.mul(drive, kMem, 'dv'), 'v_decayed');
      const i = ops.add(ij, ops.mul(ij, kSyn, 'di'), 'i');
      const fire = ops.fire(vd, ctx.param(q.vTh, `${name}.v_th`), false, 'z');
      const v = resetTo(ops, ctx, vd, fire, q.vReset, name);
      return { out: fire.spikes, state: { z: fire.spikes, v, i } };
    },
    split: projected
      ? undefined
      : () => [
          statelessStage(name, `${kind} input projection`, (input) => outShape(input), project),
          lifRecurrentStage(name, cell, ctx, true),
        ],
  };
}

/** The stage of a Norse neuron module, or undefined when `m` is none of them. */
export function norseStage(name: string, m: unknown, ctx: ExportContext): Stage | undefined {
  if (isExactly(m, LIFRecurrentCell)) return lifRecurrentStage(name, m, ctx);
  if (isExactly(m, LIFCell)) return lifFeedForwardStage(name, 'LIFCell', ctx, lifParameters(m.p), m.dt);
  if (isExactly(m, LIF)) return lifFeedForwardStage(name, 'LIF', ctx, lifParameters(m.p), m.dt);
  if (isExactly(m, LILinearCell)) {
    return liStage(name, 'LILinearCell', ctx, liParameters(m.p), m.dt, m.input_weights.value);
  }
  if (isExactly(m, LICell)) return liStage(name, 'LICell', ctx, liParameters(m.p), m.dt, null);
  if (isExactly(m, LI)) return liStage(name, 'LI', ctx, liParameters(m.p), m.dt, null);
  return undefined;
}

import type {
  EIFNodeParameters,
  IzhikevichNodeParameters,
  KLIFNodeParameters,
  Param,
  ParametricLIFNodeParameters,
  QIFNodeParameters,
} from '@snn/core';
import { parametricLIFNodeW } from '@snn/core';
import { EIFNode, IzhikevichNode, isExactly, KLIFNode, ParametricLIFNode, QIFNode } from '@snn/modules';
import type { Dim, Value } from '../graph/graph-builder.js';
import type { Ops } from '../graph/ops.js';
import type { ExportContext, Stage, StateInit, StateValues } from './stage.js';

/*
 * SpikingJelly's other nodes (core/neuron/parametric-lif-node.ts, qif-node.ts, eif-node.ts,
 * izhikevich-node.ts, klif-node.ts), one step each, node for node in core's order: charge to h, fire
 * on h - vThreshold >= 0 (inclusive, as SpikingJelly), hard or soft reset. States start where
 * SpikingJelly's do after `reset_net` (v = vReset, or 0 with a soft reset; Izhikevich's w = wRest).
 * detachReset changes gradients only, so it exports as the plain reset.
 */

type Node = { vThreshold?: Param; vReset?: Param | null };

interface NodeSpec {
  kind: string;
  /** vReset when the user gave none (-0.1 for QIF and EIF, 0 elsewhere). */
  defaultReset: number;
  /** States besides `v` (Izhikevich's w), with where they start. */
  extra?: (
    ctx: ExportContext,
    shape: readonly Dim[],
  ) => { key: string; shape: readonly Dim[]; init: StateInit }[];
  /** One step from the charge on: returns the spikes and every state. */
  step(ops: Ops, x: Value, s: StateValues, k: NodeKit): { out: Value; state: StateValues };
}

/** What every node step uses: its parameters as Values and core's fireAndReset. */
interface NodeKit {
  param(p: Param, field: string): Value;
  vThreshold: Value;
  /** vReset as a Value, null for the soft reset. */
  vReset: Value | null;
  fireAndReset(ops: Ops, h: Value): { spike: Value; v: Value };
}

function stateInit(ctx: ExportContext, p: Param, name: string): StateInit {
  return typeof p === 'number' ? p : { value: ctx.param(p, name), data: ctx.data(p) };
}

function nodeStage(name: string, ctx: ExportContext, p: Node, spec: NodeSpec): Stage {
  const vReset: Param | null = p.vReset === undefined ? spec.defaultReset : p.vReset;
  const param = (v: Param, field: string) => ctx.param(v, `${name}.${field}`);
  const kit = (): NodeKit => {
    const th = param(p.vThreshold ?? 1, 'v_threshold');
    const vr = vReset === null ? null : param(vReset, 'v_reset');
    return {
      param,
      vThreshold: th,
      vReset: vr,
      fireAndReset(ops, h) {
        const spike = ops.fire(h, th, true, 'spike').spikes;
        if (vr === null) return { spike, v: ops.sub(h, ops.mul(spike, th, 'reset_by'), 'v') };
        const kept = ops.mul(ops.sub(1, spike, 'not_spiked'), h, 'v_kept');
        return { spike, v: vReset === 0 ? kept : ops.add(kept, ops.mul(spike, vr, 'v_reset_part'), 'v') };
      },
    };
  };
  return {
    name,
    kind: spec.kind,
    plan: (input) => ({
      output: input,
      states: [
        { key: 'v', shape: input, init: stateInit(ctx, vReset ?? 0, `${name}.v_reset`) },
        ...(spec.extra?.(ctx, input) ?? []),
      ],
    }),
    emit: (ops, x, s) => spec.step(ops, x, s, kit()),
  };
}

/** v - vReset, or v itself where core skips the subtraction (soft reset, or vReset 0 for PLIF). */
const aboveReset = (ops: Ops, v: Value, k: NodeKit): Value =>
  k.vReset === null ? v : ops.sub(v, k.vReset, 'v_above_reset');

function parametricLIF(name: string, m: ParametricLIFNode, ctx: ExportContext): Stage {
  const p: ParametricLIFNodeParameters = m.p;
  const plain = p.vReset === null || (p.vReset ?? 0) === 0;
  return nodeStage(name, ctx, p, {
    kind: 'ParametricLIFNode',
    defaultReset: 0,
    step(ops, x, s, k) {
      const w = p.w ?? parametricLIFNodeW(p.initTau ?? 2);
      // 1/tau = sigmoid(w): learnt, so it is read from the `w` initializer each step.
      const wv = typeof w === 'number' ? null : k.param(w, 'w');
      const decay =
        wv === null
          ? ops.value(1 / (1 + Math.exp(-(w as number))))
          : ops.node('Sigmoid', [wv], 'inv_tau', { shape: wv.shape });
      const v0 = s.v;
      let h: Value;
      if (p.decayInput ?? true) {
        const drive = plain ? ops.sub(x, v0, 'drive') : ops.sub(x, aboveReset(ops, v0, k), 'drive');
        h = ops.add(v0, ops.mul(drive, decay, 'dv'), 'h');
      } else if (plain) {
        h = ops.add(ops.mul(v0, ops.sub(1, decay, 'keep'), 'decayed'), x, 'h');
      } else {
        h = ops.add(ops.sub(v0, ops.mul(aboveReset(ops, v0, k), decay, 'dv'), 'decayed'), x, 'h');
      }
      const { spike, v } = k.fireAndReset(ops, h);
      return { out: spike, state: { v } };
    },
  });
}

/** (v - vRest)(v - vC) a0: the quadratic term of QIF and SpikingJelly's Izhikevich. */
function quadratic(
  ops: Ops,
  v0: Value,
  k: NodeKit,
  p: { vRest?: Param; vC?: Param; a0?: Param },
  vRest: number,
) {
  const rest = ops.sub(v0, k.param(p.vRest ?? vRest, 'v_rest'), 'v_above_rest');
  const crit = ops.sub(v0, k.param(p.vC ?? 0.8, 'v_c'), 'v_above_c');
  return ops.mul(ops.mul(rest, crit, 'quad'), k.param(p.a0 ?? 1, 'a0'), 'quad_scaled');
}

function qif(name: string, m: QIFNode, ctx: ExportContext): Stage {
  const p: QIFNodeParameters = m.p;
  return nodeStage(name, ctx, p, {
    kind: 'QIFNode',
    defaultReset: -0.1,
    step(ops, x, s, k) {
      const dv = ops.div(ops.add(x, quadratic(ops, s.v, k, p, 0), 'drive'), k.param(p.tau ?? 2, 'tau'), 'dv');
      const { spike, v } = k.fireAndReset(ops, ops.add(s.v, dv, 'h'));
      return { out: spike, state: { v } };
    },
  });
}

function eif(name: string, m: EIFNode, ctx: ExportContext): Stage {
  const p: EIFNodeParameters = m.p;
  return nodeStage(name, ctx, p, {
    kind: 'EIFNode',
    defaultReset: -0.1,
    step(ops, x, s, k) {
      const deltaT = k.param(p.deltaT ?? 1, 'delta_t');
      const z = ops.div(
        ops.sub(s.v, k.param(p.thetaRh ?? 0.8, 'theta_rh'), 'v_above_rh'),
        deltaT,
        'rh_scaled',
      );
      const upswing = ops.mul(ops.unary('Exp', z, 'exp'), deltaT, 'upswing');
      const leak = ops.sub(ops.add(x, k.param(p.vRest ?? 0, 'v_rest'), 'x_rest'), s.v, 'leak');
      const dv = ops.div(ops.add(leak, upswing, 'drive'), k.param(p.tau ?? 2, 'tau'), 'dv');
      const { spike, v } = k.fireAndReset(ops, ops.add(s.v, dv, 'h'));
      return { out: spike, state: { v } };
    },
  });
}

function izhikevich(name: string, m: IzhikevichNode, ctx: ExportContext): Stage {
  const p: IzhikevichNodeParameters = m.p;
  const wRest = p.wRest ?? 0;
  return nodeStage(name, ctx, p, {
    kind: 'IzhikevichNode',
    defaultReset: 0,
    extra: (_ctx, shape) => [{ key: 'w', shape, init: stateInit(ctx, wRest, `${name}.w_rest`) }],
    step(ops, x, s, k) {
      const vRest = k.param(p.vRest ?? -0.1, 'v_rest');
      const drive = ops.sub(ops.add(x, quadratic(ops, s.v, k, p, -0.1), 'x_quad'), s.w, 'drive');
      const h = ops.add(s.v, ops.div(drive, k.param(p.tau ?? 2, 'tau'), 'dv'), 'h');
      const adapt = ops.mul(ops.sub(h, vRest, 'h_above_rest'), k.param(p.a ?? 0, 'a'), 'adapt');
      const w = ops.add(
        s.w,
        ops.div(ops.sub(adapt, s.w, 'dw_drive'), k.param(p.tauW ?? 2, 'tau_w'), 'dw'),
        'w_charged',
      );
      const { spike, v } = k.fireAndReset(ops, h);
      return {
        out: spike,
        state: { v, w: ops.add(w, ops.mul(spike, k.param(p.b ?? 0, 'b'), 'w_jump'), 'w') },
      };
    },
  });
}

function klif(name: string, m: KLIFNode, ctx: ExportContext): Stage {
  const p: KLIFNodeParameters = m.p;
  return nodeStage(name, ctx, p, {
    kind: 'KLIFNode',
    defaultReset: 0,
    step(ops, x, s, k) {
      const tau = k.param(p.tau ?? 2, 'tau');
      const kk = k.param(p.k ?? 1, 'k');
      const vr = k.vReset ?? 0;
      const above = ops.sub(s.v, vr, 'v_above_reset');
      const h =
        (p.decayInput ?? true)
          ? ops.add(s.v, ops.div(ops.sub(x, above, 'drive'), tau, 'dv'), 'h')
          : ops.add(ops.sub(s.v, ops.div(above, tau, 'dv'), 'decayed'), x, 'h');
      const f = ops.unary('Relu', ops.mul(h, kk, 'h_scaled'), 'f');
      const spike = ops.fire(f, k.vThreshold, true, 'spike').spikes;
      if (k.vReset === null) {
        const soft = ops.sub(f, ops.mul(spike, k.vThreshold, 'reset_by'), p.scaleReset ? 'v_soft' : 'v');
        return { out: spike, state: { v: p.scaleReset ? ops.div(soft, kk, 'v') : soft } };
      }
      const base = p.scaleReset ? ops.div(f, kk, 'f_unscaled') : f;
      const kept = ops.mul(ops.sub(1, spike, 'not_spiked'), base, 'v_kept');
      const v =
        p.vReset === 0 || p.vReset === undefined
          ? kept
          : ops.add(kept, ops.mul(spike, k.vReset, 'v_reset_part'), 'v');
      return { out: spike, state: { v } };
    },
  });
}

/** The stage of SpikingJelly's ParametricLIF, QIF, EIF, Izhikevich or KLIF node, else undefined. */
export function spikingjellyZooStage(name: string, m: unknown, ctx: ExportContext): Stage | undefined {
  if (isExactly(m, ParametricLIFNode)) return parametricLIF(name, m, ctx);
  if (isExactly(m, QIFNode)) return qif(name, m, ctx);
  if (isExactly(m, EIFNode)) return eif(name, m, ctx);
  if (isExactly(m, IzhikevichNode)) return izhikevich(name, m, ctx);
  if (isExactly(m, KLIFNode)) return klif(name, m, ctx);
  return undefined;
}

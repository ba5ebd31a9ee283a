import type { LIFParameters, Param } from '@snn/core';
import {
  CobaLIFCell,
  IAFCell,
  IzhikevichCell,
  isExactly,
  LIFAdExCell,
  LIFBoxCell,
  LIFExCell,
  LIFRefracCell,
  LSNNCell,
} from '@snn/modules';
import type { Dim, Value } from '../graph/graph-builder.js';
import type { Ops } from '../graph/ops.js';
import { checkDt, lifFeedForwardUpdate, resetTo, scaled, stateInit } from './norse-cells.js';
import type { ExportContext, Stage, StateInit, StateValues } from './stage.js';

/*
 * Norse's other neuron models (core/neuron/lif-ex.ts, lif-adex.ts, lsnn.ts, coba-lif.ts, lif-box.ts,
 * lif-refrac.ts, iaf.ts, izhikevich.ts), one Euler step each, node for node in core's order; as in
 * norse-cells, a product of dt and a number is folded on the host as core's scaleParam does. Spikes
 * are H(v - threshold) (Norse's Heaviside; the surrogate changes gradients only).
 */

interface CellSpec {
  kind: string;
  dt: number;
  states: (shape: readonly Dim[]) => { key: string; shape: readonly Dim[]; init: StateInit }[];
  step(ops: Ops, x: Value, s: StateValues): { out: Value; state: StateValues };
}

function cellStage(name: string, spec: CellSpec): Stage {
  checkDt(name, spec.kind, spec.dt);
  return {
    name,
    kind: spec.kind,
    plan: (input) => ({ output: input, states: spec.states(input) }),
    emit: (ops, x, s) => spec.step(ops, x, s),
  };
}

const state = (key: string, shape: readonly Dim[], init: StateInit) => ({ key, shape, init });

/** Norse's exponential upswing deltaT * exp((v - vTh) / deltaT). */
function upswing(ops: Ops, v: Value, vTh: Value, deltaT: Value): Value {
  const z = ops.div(ops.sub(v, vTh, 'v_above_th'), deltaT, 'upswing_arg');
  return ops.mul(ops.unary('Exp', z, 'upswing_exp'), deltaT, 'upswing');
}

interface ExLike {
  tauSynInv: Param;
  tauMemInv: Param;
  vLeak: Param;
  vTh: Param;
  vReset: Param;
  deltaT: Param;
}

/** lif_ex / lif_adex: the current jumps first, then v integrates with the exponential upswing. */
function exStage(
  name: string,
  ctx: ExportContext,
  kind: string,
  q: ExLike,
  dt: number,
  adex: null | {
    adaptationCurrent: Param;
    adaptationSpike: Param;
    tauAdaInv: Param;
  },
): Stage {
  const param = (p: Param, field: string) => ctx.param(p, `${name}.${field}`);
  return cellStage(name, {
    kind,
    dt,
    states: (shape) => [
      state('v', shape, stateInit(ctx, q.vLeak, `${name}.v_leak`)),
      state('i', shape, 0),
      ...(adex ? [state('a', shape, 0)] : []),
    ],
    step(ops, x, s): { out: Value; state: StateValues } {
      const vLeak = param(q.vLeak, 'v_leak');
      const vTh = param(q.vTh, 'v_th');
      const j = ops.add(s.i, x, 'i_jump');
      const withUp = ops.add(
        ops.sub(vLeak, s.v, 'leak'),
        upswing(ops, s.v, vTh, param(q.deltaT, 'delta_t')),
        'leak_up',
      );
      let drive = ops.add(withUp, j, 'drive');
      if (adex) drive = ops.sub(drive, s.a, 'drive_adapted');
      const kMem = scaled(ops, ctx, dt, q.tauMemInv, `${name}.tau_mem_inv`, 'dt_tau_mem_inv');
      const vd = ops.add(s.v, ops.mul(drive, kMem, 'dv'), 'v_decayed');
      const kSyn = scaled(ops, ctx, -dt, q.tauSynInv, `${name}.tau_syn_inv`, 'neg_dt_tau_syn_inv');
      const i = ops.add(j, ops.mul(j, kSyn, 'di'), 'i');
      const fire = ops.fire(vd, vTh, false, 'z');
      const v = resetTo(ops, ctx, vd, fire, q.vReset, name);
      if (!adex) return { out: fire.spikes, state: { v, i } };
      const kAda = scaled(ops, ctx, dt, adex.tauAdaInv, `${name}.tau_ada_inv`, 'dt_tau_ada_inv');
      const pulled = ops.mul(
        ops.sub(s.v, vLeak, 'v_above_leak'),
        param(adex.adaptationCurrent, 'adaptation_current'),
        'a_drive',
      );
      const ad = ops.add(s.a, ops.mul(ops.sub(pulled, s.a, 'da_drive'), kAda, 'da'), 'a_decayed');
      const a = ops.add(
        ad,
        ops.mul(fire.spikes, param(adex.adaptationSpike, 'adaptation_spike'), 'a_jump'),
        'a',
      );
      return { out: fire.spikes, state: { v, i, a } };
    },
  });
}

function lsnn(name: string, m: LSNNCell, ctx: ExportContext): Stage {
  const q = m.p;
  const dt = m.dt;
  return cellStage(name, {
    kind: 'LSNNCell',
    dt,
    states: (shape) => [
      state('v', shape, stateInit(ctx, q.vLeak, `${name}.v_leak`)),
      state('i', shape, 0),
      state('b', shape, stateInit(ctx, q.vTh, `${name}.v_th`)),
    ],
    step(ops, x, s) {
      const kMem = scaled(ops, ctx, dt, q.tauMemInv, `${name}.tau_mem_inv`, 'dt_tau_mem_inv');
      const kSyn = scaled(ops, ctx, -dt, q.tauSynInv, `${name}.tau_syn_inv`, 'neg_dt_tau_syn_inv');
      const kAdapt = scaled(ops, ctx, dt, q.tauAdaptInv, `${name}.tau_adapt_inv`, 'dt_tau_adapt_inv');
      const leak = ops.sub(ctx.param(q.vLeak, `${name}.v_leak`), s.v, 'leak');
      const vd = ops.add(s.v, ops.mul(ops.add(leak, s.i, 'drive'), kMem, 'dv'), 'v_decayed');
      const id = ops.add(s.i, ops.mul(s.i, kSyn, 'di'), 'i_decayed');
      const toTh = ops.sub(ctx.param(q.vTh, `${name}.v_th`), s.b, 'b_to_th');
      const bd = ops.add(s.b, ops.mul(toTh, kAdapt, 'db'), 'b_decayed');
      // The adaptive threshold is a state: the spike compares vd with it.
      const fire = ops.fire(vd, bd, false, 'z');
      const v = resetTo(ops, ctx, vd, fire, q.vReset, name);
      const b = ops.add(bd, ops.mul(fire.spikes, ctx.param(q.beta, `${name}.beta`), 'b_jump'), 'b');
      return { out: fire.spikes, state: { v, i: ops.add(id, x, 'i'), b } };
    },
  });
}

function cobaLIF(name: string, m: CobaLIFCell, ctx: ExportContext): Stage {
  const q = m.p;
  const dt = m.dt;
  const param = (p: Param, field: string) => ctx.param(p, `${name}.${field}`);
  return cellStage(name, {
    kind: 'CobaLIFCell',
    dt,
    states: (shape) => [state('v', shape, 0), state('gE', shape, 0), state('gI', shape, 0)],
    step(ops, x, s) {
      const gEj = ops.add(s.gE, ops.unary('Relu', x, 'excitation'), 'g_e_jump');
      const gIj = ops.add(s.gI, ops.unary('Relu', ops.unary('Neg', x, 'neg_x'), 'inhibition'), 'g_i_jump');
      const kE = scaled(ops, ctx, -dt, q.tauSynExcInv, `${name}.tau_syn_exc_inv`, 'neg_dt_tau_syn_exc_inv');
      const kI = scaled(ops, ctx, -dt, q.tauSynInhInv, `${name}.tau_syn_inh_inv`, 'neg_dt_tau_syn_inh_inv');
      const gE = ops.add(gEj, ops.mul(gEj, kE, 'dg_e'), 'g_e');
      const gI = ops.add(gIj, ops.mul(gIj, kI, 'dg_i'), 'g_i');
      const leak = ops.mul(ops.sub(param(q.vRest, 'v_rest'), s.v, 'v_to_rest'), param(q.gL, 'g_l'), 'leak');
      const exc = ops.mul(gE, ops.sub(param(q.eRevE, 'e_rev_e'), s.v, 'v_to_e'), 'exc_current');
      const inh = ops.mul(gI, ops.sub(param(q.eRevI, 'e_rev_i'), s.v, 'v_to_i'), 'inh_current');
      const current = ops.add(ops.add(leak, exc, 'leak_exc'), inh, 'current');
      const kC = scaled(ops, ctx, dt, q.cMInv, `${name}.c_m_inv`, 'dt_c_m_inv');
      const vd = ops.add(s.v, ops.mul(current, kC, 'dv'), 'v_decayed');
      const fire = ops.fire(vd, param(q.vThresh, 'v_thresh'), false, 'z');
      return { out: fire.spikes, state: { v: resetTo(ops, ctx, vd, fire, q.vReset, name), gE, gI } };
    },
  });
}

function lifBox(name: string, m: LIFBoxCell, ctx: ExportContext): Stage {
  const q = m.p;
  const dt = m.dt;
  return cellStage(name, {
    kind: 'LIFBoxCell',
    dt,
    states: (shape) => [state('v', shape, stateInit(ctx, q.vLeak, `${name}.v_leak`))],
    step(ops, x, s) {
      const kMem = scaled(ops, ctx, dt, q.tauMemInv, `${name}.tau_mem_inv`, 'dt_tau_mem_inv');
      const leak = ops.sub(ctx.param(q.vLeak, `${name}.v_leak`), s.v, 'leak');
      const vd = ops.add(s.v, ops.mul(ops.add(leak, x, 'drive'), kMem, 'dv'), 'v_decayed');
      const fire = ops.fire(vd, ctx.param(q.vTh, `${name}.v_th`), false, 'z');
      return { out: fire.spikes, state: { v: resetTo(ops, ctx, vd, fire, q.vReset, name) } };
    },
  });
}

function iaf(name: string, m: IAFCell, ctx: ExportContext): Stage {
  const q = m.p;
  return cellStage(name, {
    kind: 'IAFCell',
    dt: m.dt,
    states: (shape) => [state('v', shape, stateInit(ctx, q.vReset, `${name}.v_reset`))],
    step(ops, x, s) {
      const v = ops.add(s.v, x, 'v_charged');
      const fire = ops.fire(v, ctx.param(q.vTh, `${name}.v_th`), false, 'z');
      return { out: fire.spikes, state: { v: resetTo(ops, ctx, v, fire, q.vReset, name) } };
    },
  });
}

/** lif_refrac: the LIF step, held (v kept, no spike) while the refractory counter rho is > 0. */
function lifRefrac(name: string, m: LIFRefracCell, ctx: ExportContext): Stage {
  const q = m.p;
  const lif = q.lif as LIFParameters;
  const dt = m.dt;
  return cellStage(name, {
    kind: 'LIFRefracCell',
    dt,
    states: (shape) => [
      state('v', shape, stateInit(ctx, lif.vLeak, `${name}.v_leak`)),
      state('i', shape, 0),
      state('rho', shape, 0),
    ],
    step(ops, x, s) {
      const next = lifFeedForwardUpdate(ops, ctx, name, lif, dt, s.v, s.i, x);
      const held = ops.fire(s.rho, 0, false, 'refractory').spikes;
      const open = ops.sub(1, held, 'open');
      const v = ops.add(ops.mul(open, next.v, 'v_open'), ops.mul(held, s.v, 'v_held'), 'v_refrac');
      const z = ops.mul(open, next.fire.spikes, 'z_refrac');
      const count = ops.unary('Relu', ops.sub(s.rho, held, 'rho_counted'), 'rho_left');
      const rho = ops.add(
        ops.mul(ops.sub(1, z, 'not_spiked'), count, 'rho_kept'),
        ops.mul(z, ctx.param(q.rhoReset, `${name}.rho_reset`), 'rho_set'),
        'rho',
      );
      return { out: z, state: { v, i: next.i, rho } };
    },
  });
}

function izhikevich(name: string, m: IzhikevichCell, ctx: ExportContext): Stage {
  const q = m.p;
  const dt = m.dt;
  const param = (p: Param, field: string) => ctx.param(p, `${name}.${field}`);
  return cellStage(name, {
    kind: 'IzhikevichCell',
    dt,
    states: (shape) => [state('v', shape, m.behavior.s.v), state('u', shape, m.behavior.s.u)],
    step(ops, x, s) {
      const k = scaled(ops, ctx, dt, q.tauInv, `${name}.tau_inv`, 'dt_tau_inv');
      const sq = ops.mul(ops.mul(s.v, s.v, 'v_squared'), param(q.sq, 'sq'), 'quad');
      const lin = ops.mul(s.v, param(q.mn, 'mn'), 'lin');
      const drive0 = ops.sub(
        ops.add(ops.add(sq, lin, 'quad_lin'), param(q.bias, 'bias'), 'with_bias'),
        s.u,
        'minus_u',
      );
      const vNext = ops.add(s.v, ops.mul(ops.add(drive0, x, 'drive'), k, 'dv'), 'v_next');
      const du = ops.mul(
        ops.sub(ops.mul(s.v, param(q.b, 'b'), 'bv'), s.u, 'u_drive'),
        param(q.a, 'a'),
        'u_rate',
      );
      const uNext = ops.add(s.u, ops.mul(du, k, 'du'), 'u_next');
      const fire = ops.fire(vNext, param(q.vTh, 'v_th'), false, 'z');
      const z = fire.spikes;
      const v = resetTo(ops, ctx, vNext, fire, q.c, `${name}.c`);
      const u = ops.add(
        ops.mul(ops.sub(1, z, 'not_spiked'), uNext, 'u_kept'),
        ops.mul(z, ops.add(uNext, param(q.d, 'd'), 'u_jumped'), 'u_jump'),
        'u',
      );
      return { out: z, state: { v, u } };
    },
  });
}

/** The stage of one of Norse's LIFEx, LIFAdEx, LSNN, CoBa LIF, LIFBox, LIFRefrac, IAF, Izhikevich cells. */
export function norseZooStage(name: string, m: unknown, ctx: ExportContext): Stage | undefined {
  if (isExactly(m, LIFExCell)) return exStage(name, ctx, 'LIFExCell', m.p, m.dt, null);
  if (isExactly(m, LIFAdExCell)) return exStage(name, ctx, 'LIFAdExCell', m.p, m.dt, m.p);
  if (isExactly(m, LSNNCell)) return lsnn(name, m, ctx);
  if (isExactly(m, CobaLIFCell)) return cobaLIF(name, m, ctx);
  if (isExactly(m, LIFBoxCell)) return lifBox(name, m, ctx);
  if (isExactly(m, IAFCell)) return iaf(name, m, ctx);
  if (isExactly(m, LIFRefracCell)) return lifRefrac(name, m, ctx);
  if (isExactly(m, IzhikevichCell)) return izhikevich(name, m, ctx);
  return undefined;
}

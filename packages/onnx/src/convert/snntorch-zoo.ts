import type { Param, RecurrentConnection, ResetMechanism, Tensor } from '@snn/core';
import { Alpha, isExactly, Lapicque, RLeaky, RSynaptic, Synaptic } from '@snn/modules';
import type { Value } from '../graph/graph-builder.js';
import type { Ops } from '../graph/ops.js';
import type { ExportContext, Stage } from './stage.js';

/*
 * snnTorch's other neurons (core/neuron/synaptic.ts, alpha.ts, lapicque.ts, rleaky.ts, rsynaptic.ts),
 * node for node in core's order: the reset signal is H(mem_prev - threshold) as snnTorch's
 * reset_delay, decays are clamped to [0, 1] with a Clip, every state is a graph input and output
 * named as the library's state field (`syn`, `mem`, `spk`...).
 */

/** A stage whose states all start at 0 (snnTorch's init_* functions), shaped as the input. */
function zeroStateStage(name: string, kind: string, keys: readonly string[], emit: Stage['emit']): Stage {
  return {
    name,
    kind,
    plan: (input) => ({ output: input, states: keys.map((key) => ({ key, shape: input, init: 0 })) }),
    emit,
  };
}

/** core's clamp01: a folded number or a Clip of the initializer. */
function clamp01(ops: Ops, ctx: ExportContext, p: Param, name: string, what: string): Value {
  return typeof p === 'number'
    ? ops.value(Math.min(1, Math.max(0, p)))
    : ops.clip(ctx.tensor(p as Tensor, name), 0, 1, what);
}

/** The reset after the update: subtract r*threshold, or zero (mem - mem*r), or none. */
function applyReset(ops: Ops, reset: ResetMechanism, base: Value, r: Value, th: Value): Value {
  if (reset === 'subtract') return ops.sub(base, ops.mul(r, th, 'reset_by'), 'mem');
  if (reset === 'zero') return ops.sub(base, ops.mul(base, r, 'reset_by'), 'mem');
  return base;
}

/** snnTorch's fed-back current: spk @ W^T + b (all_to_all, one Gemm) or spk * V (one to one). */
function recurrent(ops: Ops, ctx: ExportContext, name: string, spk: Value, c: RecurrentConnection): Value {
  if (c.recurrentWeight !== undefined) {
    const w = ctx.tensor(c.recurrentWeight, `${name}.recurrent.weight`);
    const b = c.recurrentBias === undefined ? null : ctx.tensor(c.recurrentBias, `${name}.recurrent.bias`);
    return ops.linear(spk, w, b, 'recurrent_current');
  }
  return ops.mul(spk, ctx.param(c.V ?? 1, `${name}.V`), 'recurrent_current');
}

interface SynapticLike {
  readonly alpha: Param;
  readonly beta: Param;
  readonly threshold?: Param;
  readonly resetMechanism?: ResetMechanism;
}

/** synapticStep on the (possibly recurrent-augmented) input: syn decays by alpha, mem by beta. */
function synapticUpdate(
  ops: Ops,
  ctx: ExportContext,
  name: string,
  p: SynapticLike,
  x: Value,
  syn0: Value,
  mem0: Value,
) {
  const th = ctx.param(p.threshold ?? 1, `${name}.threshold`);
  const r = ops.fire(mem0, th, false, 'reset').spikes;
  const syn = ops.add(
    ops.mul(syn0, clamp01(ops, ctx, p.alpha, `${name}.alpha`, 'alpha_clamped'), 'syn_decayed'),
    x,
    'syn',
  );
  const charged = ops.add(
    ops.mul(mem0, clamp01(ops, ctx, p.beta, `${name}.beta`, 'beta_clamped'), 'mem_decayed'),
    syn,
    'charged',
  );
  const mem = applyReset(ops, p.resetMechanism ?? 'subtract', charged, r, th);
  return { spk: ops.fire(mem, th, false, 'spk').spikes, syn, mem };
}

function synapticStage(name: string, m: Synaptic, ctx: ExportContext): Stage {
  const p = m.p;
  return zeroStateStage(name, 'Synaptic', ['syn', 'mem'], (ops, x, s) => {
    const { spk, syn, mem } = synapticUpdate(ops, ctx, name, p, x, s.syn, s.mem);
    return { out: spk, state: { syn, mem } };
  });
}

function rsynapticStage(name: string, m: RSynaptic, ctx: ExportContext): Stage {
  const p = m.p;
  return zeroStateStage(name, 'RSynaptic', ['spk', 'syn', 'mem'], (ops, x, s) => {
    const drive = ops.add(x, recurrent(ops, ctx, name, s.spk, p), 'drive');
    const { spk, syn, mem } = synapticUpdate(ops, ctx, name, p, drive, s.syn, s.mem);
    return { out: spk, state: { spk, syn, mem } };
  });
}

function rleakyStage(name: string, m: RLeaky, ctx: ExportContext): Stage {
  const p = m.p;
  const reset = p.resetMechanism ?? 'subtract';
  return zeroStateStage(name, 'RLeaky', ['spk', 'mem'], (ops, x, s) => {
    const th = ctx.param(p.threshold ?? 1, `${name}.threshold`);
    const r = ops.fire(s.mem, th, false, 'reset').spikes;
    const decayed = ops.mul(s.mem, clamp01(ops, ctx, p.beta, `${name}.beta`, 'beta_clamped'), 'decayed');
    const base = ops.add(
      ops.add(decayed, x, 'charged_input'),
      recurrent(ops, ctx, name, s.spk, p),
      'charged',
    );
    let mem = applyReset(ops, reset, base, r, th);
    const spk = ops.fire(mem, th, false, 'spk').spikes;
    if (p.resetDelay === false && reset !== 'none') {
      const doReset = ops.sub(spk, r, 'do_reset');
      const by = reset === 'subtract' ? th : mem;
      mem = ops.sub(mem, ops.mul(doReset, by, 'reset_now_by'), 'mem_reset');
    }
    return { out: spk, state: { spk, mem } };
  });
}

function alphaStage(name: string, m: Alpha, ctx: ExportContext): Stage {
  const p = m.p;
  const reset = p.resetMechanism ?? 'zero';
  return zeroStateStage(name, 'Alpha', ['synExc', 'synInh', 'mem'], (ops, x, s) => {
    const th = ctx.param(p.threshold ?? 1, `${name}.threshold`);
    const r = ops.fire(s.mem, th, false, 'reset').spikes;
    const a = clamp01(ops, ctx, p.alpha, `${name}.alpha`, 'alpha_clamped');
    const b = clamp01(ops, ctx, p.beta, `${name}.beta`, 'beta_clamped');
    // tau_alpha = log(a)/(log(b) - log(a)) + 1, in the graph as core computes it on tensors.
    const la = ops.unary('Log', a, 'log_alpha');
    const lb = ops.unary('Log', b, 'log_beta');
    const tau = ops.add(ops.div(la, ops.sub(lb, la, 'log_ratio'), 'tau_part'), 1, 'tau_alpha');
    const inhDecayed = ops.mul(s.synInh, b, 'inh_decayed');
    let exc = ops.add(ops.mul(s.synExc, a, 'exc_decayed'), x, 'exc');
    let inh = ops.sub(inhDecayed, x, 'inh');
    let mem = ops.mul(ops.add(exc, inh, 'net'), tau, 'mem_charged');
    if (reset === 'zero') {
      const keep = ops.sub(1, r, 'keep');
      exc = ops.mul(exc, keep, 'exc_reset');
      inh = ops.mul(inh, keep, 'inh_reset');
      mem = ops.mul(mem, keep, 'mem');
    } else if (reset === 'subtract') {
      exc = ops.sub(exc, ops.mul(r, th, 'exc_reset_by'), 'exc_reset');
      inh = ops.sub(inh, ops.mul(r, inh, 'inh_reset_by'), 'inh_reset');
      mem = ops.add(mem, ops.mul(r, s.synInh, 'mem_reset_by'), 'mem');
    }
    const spk = ops.fire(mem, th, false, 'spk').spikes;
    return { out: spk, state: { synExc: exc, synInh: inh, mem } };
  });
}

function lapicqueStage(name: string, m: Lapicque, ctx: ExportContext): Stage {
  const p = m.p;
  return zeroStateStage(name, 'Lapicque', ['mem'], (ops, x, s) => {
    const th = ctx.param(p.threshold ?? 1, `${name}.threshold`);
    const r = ops.fire(s.mem, th, false, 'reset').spikes;
    const R = ctx.param(p.R, `${name}.R`);
    const dt = ctx.param(p.timeStep, `${name}.time_step`);
    const rc = ops.mul(R, ctx.param(p.C, `${name}.C`), 'rc');
    const gain = ops.mul(ops.div(R, rc, 'r_over_rc'), dt, 'gain');
    const keep = ops.sub(1, ops.div(dt, rc, 'dt_over_rc'), 'keep');
    const base = ops.add(ops.mul(x, gain, 'charge'), ops.mul(s.mem, keep, 'kept'), 'charged');
    const mem = applyReset(ops, p.resetMechanism ?? 'subtract', base, r, th);
    return { out: ops.fire(mem, th, false, 'spk').spikes, state: { mem } };
  });
}

/** The stage of one of snnTorch's Synaptic, Alpha, Lapicque, RLeaky, RSynaptic, else undefined. */
export function snntorchZooStage(name: string, m: unknown, ctx: ExportContext): Stage | undefined {
  if (isExactly(m, Synaptic)) return synapticStage(name, m, ctx);
  if (isExactly(m, RSynaptic)) return rsynapticStage(name, m, ctx);
  if (isExactly(m, RLeaky)) return rleakyStage(name, m, ctx);
  if (isExactly(m, Alpha)) return alphaStage(name, m, ctx);
  if (isExactly(m, Lapicque)) return lapicqueStage(name, m, ctx);
  return undefined;
}

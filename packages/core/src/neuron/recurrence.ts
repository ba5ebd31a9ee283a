import type { KernelAttrs, LIFSequenceAttrs } from '../kernels/kernel-signatures.js';

/*
 * The fused neuron kernels' recurrences (LIFSequence, LISequence and their reverse-time gradients),
 * written ONCE, generic over the arithmetic: host numbers for one neuron (the reference backend),
 * core tensors for all neurons at once (core's decompositions), tf tensors (backend-tfjs). Formulas
 * and their Norse sources are in kernel-signatures.ts. Backends with their own fused code (WGSL, the
 * wasm C kernels) follow these functions line by line; the conformance suite checks them.
 *
 * Every target computes each operation in float32, in the order written here, which is the order of
 * the step functions (lifFeedForwardStep, liFeedForwardStep) and of their ONNX export. So a step run
 * as its fused kernel with T = 1 (neuron/fused-step.ts) gives the step's values bit for bit, and an
 * exported graph reproduces the library on any backend.
 */

/** The arithmetic a recurrence needs. `T` is one neuron's number or a tensor of all neurons. */
export interface NeuronArith<T> {
  /** a + b, rounded as the target stores it (float32). */
  add(a: T, b: T): T;
  /** a - b; either side may be a constant (1 - z, vLeak - v). */
  sub(a: T | number, b: T | number): T;
  /** a * b; b may be a constant (the coefficients a, b, 1 - a). */
  mul(a: T, b: T | number): T;
  /** 1 where vd - vTh > 0, else 0 (Norse's Heaviside). */
  fires(vd: T, vTh: number): T;
  /** Rounds to the stored precision: float32 for host numbers (z is decided on what is stored). */
  round(x: T): T;
}

const f32 = Math.fround;

/**
 * Float32 arithmetic on one neuron's numbers (the reference backend): operands and result of each
 * operation are rounded to float32, as a float32 tensor op computes them (a sum, difference or product
 * of two float32 values rounded once from float64 is the float32 result). Constants such as 1 - a
 * round as a number passed to a tensor op does.
 */
export const HOST_ARITH: NeuronArith<number> = {
  add: (a, b) => f32(f32(a) + f32(b)),
  sub: (a, b) => f32(f32(a) - f32(b)),
  mul: (a, b) => f32(f32(a) * f32(b)),
  fires: (vd, vTh) => (f32(f32(vd) - f32(vTh)) > 0 ? 1 : 0),
  round: f32,
};

/** The per-step constants: a = dt*tauMemInv, b = dt*tauSynInv. */
export interface LIFCoefficients {
  /** The membrane's decay per step, dt * tauMemInv (dimensionless; Norse's dt * tau_mem_inv). */
  readonly a: number;
  /** The synaptic current's decay per step, dt * tauSynInv (dimensionless). */
  readonly b: number;
  /** Leak (resting) potential (Norse `v_leak`). */
  readonly vLeak: number;
  /** Threshold: a neuron fires when vd - vTh > 0 (Norse `v_th`). */
  readonly vTh: number;
  /** Potential after a spike (Norse `v_reset`). */
  readonly vReset: number;
  /** Whether the gradient skips the reset term (Norse's `lif_step`) or flows through it (`lif_feed_forward_step`). */
  readonly detachReset: boolean;
}

/**
 * LIF's per-step constants from a kernel's attributes: a = dt * tauMemInv, b = dt * tauSynInv, and the voltages.
 * @param attrs - LIFSequence's attributes (tauMemInv and tauSynInv in 1/s, dt in s).
 *
 * @example
 * ```ts
 * const attrs: LIFSequenceAttrs = {
 *   tauSynInv: 200, tauMemInv: 100, vLeak: 0, vTh: 1, vReset: 0, dt: 1e-3,
 *   surrogate: 'superspike', alpha: 100, detachReset: false,
 * };
 * const c = lifCoefficients(attrs); // a = 0.1, b = 0.2 per 1 ms step
 * ```
 */
export function lifCoefficients(attrs: LIFSequenceAttrs): LIFCoefficients {
  return {
    a: attrs.dt * attrs.tauMemInv,
    b: attrs.dt * attrs.tauSynInv,
    vLeak: attrs.vLeak,
    vTh: attrs.vTh,
    vReset: attrs.vReset,
    detachReset: attrs.detachReset,
  };
}

/**
 * One step of Norse's lif_feed_forward_step: vd = v + a*((vLeak - v) + i); id = i - b*i;
 * z = H(vd - vTh); v' = (1 - z)*vd + z*vReset; i' = id + x.
 * @param m - The arithmetic: HOST_ARITH for one neuron's numbers, or a tensor target's.
 * @param c - The per-step constants (lifCoefficients).
 * @param v - The membrane potential before the step.
 * @param i - The synaptic current before the step.
 * @param x - The step's input current (added to i after the decay, as Norse does).
 *
 * @example
 * ```ts
 * // One neuron, step by step, in float32 as the reference backend computes it
 * const c = lifCoefficients({
 *   tauSynInv: 200, tauMemInv: 100, vLeak: 0, vTh: 1, vReset: 0, dt: 1e-3,
 *   surrogate: 'superspike', alpha: 100, detachReset: false,
 * });
 * let v = 0;
 * let i = 0;
 * for (let t = 0; t < 5; t++) {
 *   const s = lifForwardStep(HOST_ARITH, c, v, i, 3); // input current 3 at every step
 *   ({ v, i } = s);
 * }
 * ```
 */
export function lifForwardStep<T>(
  m: NeuronArith<T>,
  c: LIFCoefficients,
  v: T,
  i: T,
  x: T,
): {
  /** The step's spikes, 0 or 1. */
  z: T;
  /** The membrane potential after the reset (the next step's v). */
  v: T;
  /** The synaptic current after the input jump (the next step's i). */
  i: T;
  /** The membrane potential before the reset (what the gradient needs: LIFSequence's vDecayed). */
  vd: T;
} {
  const vd = m.round(m.add(v, m.mul(m.add(m.sub(c.vLeak, v), i), c.a)));
  const id = m.sub(i, m.mul(i, c.b));
  const z = m.fires(vd, c.vTh);
  const kept = m.mul(m.sub(1, z), vd);
  return { z, vd, v: c.vReset === 0 ? kept : m.add(kept, m.mul(z, c.vReset)), i: m.add(id, x) };
}

/**
 * The terms of LIFSequenceGrad's step t that do not depend on the recursion (computed for all T at
 * once by tensor targets), with s = surrogate'(vd - vTh):
 * keep = d v_t / d vd_t = 1 - z (+ (vReset - vd)*s when the reset stays in the graph), direct = dz*s.
 * @param m - The arithmetic: HOST_ARITH for one neuron's numbers, or a tensor target's.
 * @param c - The per-step constants (lifCoefficients).
 * @param z - The forward's spikes.
 * @param vd - The forward's membrane potential before the reset (vDecayed).
 * @param dz - The upstream gradient of the spikes.
 * @param s - surrogate'(vd - vTh).
 *
 * @example
 * ```ts
 * const c = lifCoefficients({
 *   tauSynInv: 200, tauMemInv: 100, vLeak: 0, vTh: 1, vReset: 0, dt: 1e-3,
 *   surrogate: 'superspike', alpha: 100, detachReset: false,
 * });
 * const vd = 1.02; // the membrane before the reset: it fired
 * const s = hostSurrogate('superspike', 100)?.(vd - c.vTh) ?? 0;
 * const { keep, direct } = lifGradLocal(HOST_ARITH, c, 1, vd, 1, s); // z = 1, dz = 1
 * ```
 */
export function lifGradLocal<T>(
  m: NeuronArith<T>,
  c: LIFCoefficients,
  z: T,
  vd: T,
  dz: T,
  s: T,
): {
  /** d v_t / d vd_t: 1 - z, plus (vReset - vd)*s when the reset is not detached. */
  keep: T;
  /** The gradient reaching vd_t through the spike: dz*s. */
  direct: T;
} {
  const notFired = m.sub(1, z);
  const keep = c.detachReset ? notFired : m.add(notFired, m.mul(m.sub(c.vReset, vd), s));
  return { keep, direct: m.mul(dz, s) };
}

/**
 * One reverse step of LIFSequenceGrad, gv/gi being the gradients flowing into (v[t], i[t]) from
 * step t+1 (undefined after the last step): Gv = dv + gv; Gi = di + gi; gvd = Gv*keep + direct;
 * dx = Gi; gv' = gvd*(1 - a); gi' = gvd*a + Gi*(1 - b).
 * @param m - The arithmetic: HOST_ARITH for one neuron's numbers, or a tensor target's.
 * @param c - The per-step constants (lifCoefficients).
 * @param keep - lifGradLocal's keep for step t.
 * @param direct - lifGradLocal's direct for step t.
 * @param dv - The upstream gradient of v[t].
 * @param di - The upstream gradient of i[t].
 * @param gv - The gradient from step t+1 into v[t] (undefined at the last step).
 * @param gi - The gradient from step t+1 into i[t] (undefined at the last step).
 *
 * @example
 * ```ts
 * const c = lifCoefficients({
 *   tauSynInv: 200, tauMemInv: 100, vLeak: 0, vTh: 1, vReset: 0, dt: 1e-3,
 *   surrogate: 'superspike', alpha: 100, detachReset: true,
 * });
 * // The last step (no gradient from a later one): keep = 1 - z = 1, direct = dz * s = 0
 * const { dx, gv, gi } = lifGradStep(HOST_ARITH, c, 1, 0, 1, 0, undefined, undefined);
 * console.log(dx, gv, gi); // 0 0.9 0.1: dv = 1 flows back into v (1 - a) and i (a)
 * ```
 */
export function lifGradStep<T>(
  m: NeuronArith<T>,
  c: LIFCoefficients,
  keep: T,
  direct: T,
  dv: T,
  di: T,
  gv: T | undefined,
  gi: T | undefined,
): {
  /** The gradient of the step's input current x[t]. */
  dx: T;
  /** The gradient flowing into v[t-1] (dv0 after t = 0). */
  gv: T;
  /** The gradient flowing into i[t-1] (di0 after t = 0). */
  gi: T;
} {
  const Gv = gv === undefined ? dv : m.add(dv, gv);
  const Gi = gi === undefined ? di : m.add(di, gi);
  const gvd = m.add(m.mul(Gv, keep), direct);
  return { dx: Gi, gv: m.mul(gvd, 1 - c.a), gi: m.add(m.mul(gvd, c.a), m.mul(Gi, 1 - c.b)) };
}

/** LI's per-step constants. */
export interface LICoefficients {
  /** The membrane's decay per step, dt * tauMemInv (dimensionless). */
  readonly a: number;
  /** The synaptic current's decay per step, dt * tauSynInv (dimensionless). */
  readonly b: number;
  /** Leak (resting) potential (Norse `v_leak`). */
  readonly vLeak: number;
}

/**
 * LI's per-step constants from a kernel's attributes: a = dt * tauMemInv, b = dt * tauSynInv, vLeak.
 * @param attrs - LISequence's attributes (tauMemInv and tauSynInv in 1/s, dt in s).
 *
 * @example
 * ```ts
 * const c = liCoefficients({ tauSynInv: 200, tauMemInv: 100, vLeak: 0, dt: 1e-3 }); // a = 0.1, b = 0.2
 * ```
 */
export function liCoefficients(attrs: KernelAttrs<'LISequence'>): LICoefficients {
  return { a: attrs.dt * attrs.tauMemInv, b: attrs.dt * attrs.tauSynInv, vLeak: attrs.vLeak };
}

/**
 * One step of Norse's li_feed_forward_step, input first: j = i + x; v' = v + a*((vLeak - v) + j); i' = j - b*j.
 * @param m - The arithmetic: HOST_ARITH for one neuron's numbers, or a tensor target's.
 * @param c - The per-step constants (liCoefficients).
 * @param v - The membrane potential before the step.
 * @param i - The synaptic current before the step.
 * @param x - The step's input current (added to i first, as Norse does).
 *
 * @example
 * ```ts
 * const c = liCoefficients({ tauSynInv: 200, tauMemInv: 100, vLeak: 0, dt: 1e-3 });
 * const { v, i } = liForwardStep(HOST_ARITH, c, 0, 0, 1); // j = 1: v = 0.1, i = 0.8
 * ```
 */
export function liForwardStep<T>(
  m: NeuronArith<T>,
  c: LICoefficients,
  v: T,
  i: T,
  x: T,
): {
  /** The membrane potential after the step. */
  v: T;
  /** The synaptic current after the step. */
  i: T;
} {
  const j = m.add(i, x);
  return { v: m.add(v, m.mul(m.add(m.sub(c.vLeak, v), j), c.a)), i: m.sub(j, m.mul(j, c.b)) };
}

/**
 * One reverse step of LISequenceGrad: Gv = dv + gv; Gi = di + gi; gj = Gv*a + Gi*(1 - b); dx = gj;
 * gv' = Gv*(1 - a); gi' = gj.
 * @param m - The arithmetic: HOST_ARITH for one neuron's numbers, or a tensor target's.
 * @param c - The per-step constants (liCoefficients).
 * @param dv - The upstream gradient of v[t].
 * @param di - The upstream gradient of i[t].
 * @param gv - The gradient from step t+1 into v[t] (undefined at the last step).
 * @param gi - The gradient from step t+1 into i[t] (undefined at the last step).
 *
 * @example
 * ```ts
 * const c = liCoefficients({ tauSynInv: 200, tauMemInv: 100, vLeak: 0, dt: 1e-3 });
 * const { dx, gv, gi } = liGradStep(HOST_ARITH, c, 1, 0, undefined, undefined); // dv = 1 at the last step
 * console.log(dx, gv, gi); // 0.1 0.9 0.1
 * ```
 */
export function liGradStep<T>(
  m: NeuronArith<T>,
  c: LICoefficients,
  dv: T,
  di: T,
  gv: T | undefined,
  gi: T | undefined,
): {
  /** The gradient of the step's input current x[t]. */
  dx: T;
  /** The gradient flowing into v[t-1] (dv0 after t = 0). */
  gv: T;
  /** The gradient flowing into i[t-1] (di0 after t = 0). */
  gi: T;
} {
  const Gv = gv === undefined ? dv : m.add(dv, gv);
  const Gi = gi === undefined ? di : m.add(di, gi);
  const gj = m.add(m.mul(Gv, c.a), m.mul(Gi, 1 - c.b));
  return { dx: gj, gv: m.mul(Gv, 1 - c.a), gi: gj };
}

/** Whole-sequence drivers for targets whose values are tensors of all neurons. */
export interface SequenceArith<T> extends NeuronArith<T> {
  /** [T, ...n] -> T tensors [...n]. */
  unstack(x: T): T[];
  /** T tensors [...n] -> [T, ...n]. */
  stack(xs: T[]): T;
}

/**
 * LIFSequence over all steps: returns [z, v, i, vDecayed], each [T, ...n].
 * @param m - The tensor target's arithmetic, with unstack/stack along T.
 * @param attrs - The kernel's attributes.
 * @param x - The input current of every step, [T, ...n].
 * @param v0 - The membrane potential before the first step, [...n].
 * @param i0 - The synaptic current before the first step, [...n].
 *
 * @example
 * ```ts
 * // Core ops as a tensor target (what core's LIFSequence decomposition does)
 * const ops: SequenceArith<Tensor> = {
 *   add,
 *   sub,
 *   mul,
 *   fires: (vd, vTh) => spike(sub(vd, vTh)),
 *   round: (x) => x,
 *   unstack: (x) => unstack(x),
 *   stack: (xs) => stack(xs),
 * };
 * const attrs: LIFSequenceAttrs = {
 *   tauSynInv: 200, tauMemInv: 100, vLeak: 0, vTh: 1, vReset: 0, dt: 1e-3,
 *   surrogate: 'superspike', alpha: 100, detachReset: false,
 * };
 * const [z, v, i, vDecayed] = lifSequence(ops, attrs, fill([25, 4], 3), zeros([4]), zeros([4])); // each [25, 4]
 * ```
 */
export function lifSequence<T>(m: SequenceArith<T>, attrs: LIFSequenceAttrs, x: T, v0: T, i0: T): T[] {
  const c = lifCoefficients(attrs);
  const out = { z: [] as T[], v: [] as T[], i: [] as T[], vd: [] as T[] };
  let v = v0;
  let i = i0;
  for (const xt of m.unstack(x)) {
    const step = lifForwardStep(m, c, v, i, xt);
    v = step.v;
    i = step.i;
    out.z.push(step.z);
    out.v.push(v);
    out.i.push(i);
    out.vd.push(step.vd);
  }
  return [m.stack(out.z), m.stack(out.v), m.stack(out.i), m.stack(out.vd)];
}

/**
 * LIFSequenceGrad over all steps; `s` is surrogate'(vDecayed - vTh) for all of them ([T, ...n]).
 * Returns [dx, dv0, di0].
 * @param m - The tensor target's arithmetic, with unstack/stack along T.
 * @param attrs - The forward's attributes.
 * @param inputs - The forward's z and vDecayed and the upstream gradients dz, dv, di, each [T, ...n].
 * @param s - surrogate'(vDecayed - vTh), [T, ...n].
 *
 * @example
 * ```ts
 * const ops: SequenceArith<Tensor> = {
 *   add,
 *   sub,
 *   mul,
 *   fires: (vd, vTh) => spike(sub(vd, vTh)),
 *   round: (x) => x,
 *   unstack: (x) => unstack(x),
 *   stack: (xs) => stack(xs),
 * };
 * const attrs: LIFSequenceAttrs = {
 *   tauSynInv: 200, tauMemInv: 100, vLeak: 0, vTh: 1, vReset: 0, dt: 1e-3,
 *   surrogate: 'superspike', alpha: 100, detachReset: false,
 * };
 * const [z, , , vDecayed] = lifSequence(ops, attrs, fill([25, 4], 3), zeros([4]), zeros([4]));
 * const s = surrogate.surrogateDerivative('superspike', sub(vDecayed, attrs.vTh), attrs.alpha);
 * const zero = zerosLike(z);
 * const [dx, dv0, di0] = lifSequenceGrad(ops, attrs, { z, vDecayed, dz: onesLike(z), dv: zero, di: zero }, s);
 * ```
 */
export function lifSequenceGrad<T>(
  m: SequenceArith<T>,
  attrs: LIFSequenceAttrs,
  inputs: { readonly z: T; readonly vDecayed: T; readonly dz: T; readonly dv: T; readonly di: T },
  s: T,
): T[] {
  const c = lifCoefficients(attrs);
  const local = lifGradLocal(m, c, inputs.z, inputs.vDecayed, inputs.dz, s);
  const keep = m.unstack(local.keep);
  const direct = m.unstack(local.direct);
  const dv = m.unstack(inputs.dv);
  const di = m.unstack(inputs.di);
  const dx: T[] = new Array(keep.length);
  let gv: T | undefined;
  let gi: T | undefined;
  for (let t = keep.length - 1; t >= 0; t--) {
    const step = lifGradStep(m, c, keep[t], direct[t], dv[t], di[t], gv, gi);
    dx[t] = step.dx;
    gv = step.gv;
    gi = step.gi;
  }
  return [m.stack(dx), gv as T, gi as T];
}

/**
 * LISequence over all steps: returns [v, i], each [T, ...n].
 * @param m - The tensor target's arithmetic, with unstack/stack along T.
 * @param attrs - The kernel's attributes.
 * @param x - The input current of every step, [T, ...n].
 * @param v0 - The membrane potential before the first step, [...n].
 * @param i0 - The synaptic current before the first step, [...n].
 *
 * @example
 * ```ts
 * const ops: SequenceArith<Tensor> = {
 *   add,
 *   sub,
 *   mul,
 *   fires: (vd, vTh) => spike(sub(vd, vTh)),
 *   round: (x) => x,
 *   unstack: (x) => unstack(x),
 *   stack: (xs) => stack(xs),
 * };
 * const attrs = { tauSynInv: 200, tauMemInv: 100, vLeak: 0, dt: 1e-3 };
 * const [v, i] = liSequence(ops, attrs, fill([25, 4], 1), zeros([4]), zeros([4])); // each [25, 4]
 * ```
 */
export function liSequence<T>(
  m: SequenceArith<T>,
  attrs: KernelAttrs<'LISequence'>,
  x: T,
  v0: T,
  i0: T,
): T[] {
  const c = liCoefficients(attrs);
  const vs: T[] = [];
  const is: T[] = [];
  let v = v0;
  let i = i0;
  for (const xt of m.unstack(x)) {
    ({ v, i } = liForwardStep(m, c, v, i, xt));
    vs.push(v);
    is.push(i);
  }
  return [m.stack(vs), m.stack(is)];
}

/**
 * LISequenceGrad over all steps: returns [dx, dv0, di0].
 * @param m - The tensor target's arithmetic, with unstack/stack along T.
 * @param attrs - The forward's attributes.
 * @param dvAll - The upstream gradient of v, [T, ...n].
 * @param diAll - The upstream gradient of i, [T, ...n].
 *
 * @example
 * ```ts
 * const ops: SequenceArith<Tensor> = {
 *   add,
 *   sub,
 *   mul,
 *   fires: (vd, vTh) => spike(sub(vd, vTh)),
 *   round: (x) => x,
 *   unstack: (x) => unstack(x),
 *   stack: (xs) => stack(xs),
 * };
 * const attrs = { tauSynInv: 200, tauMemInv: 100, vLeak: 0, dt: 1e-3 };
 * const dv = ones([25, 4]); // d(sum of v over time)/dv
 * const [dx, dv0, di0] = liSequenceGrad(ops, attrs, dv, zerosLike(dv)); // dx [25, 4], dv0 and di0 [4]
 * ```
 */
export function liSequenceGrad<T>(
  m: SequenceArith<T>,
  attrs: KernelAttrs<'LISequenceGrad'>,
  dvAll: T,
  diAll: T,
): T[] {
  const c = liCoefficients(attrs);
  const dv = m.unstack(dvAll);
  const di = m.unstack(diAll);
  const dx: T[] = new Array(dv.length);
  let gv: T | undefined;
  let gi: T | undefined;
  for (let t = dv.length - 1; t >= 0; t--) {
    const step = liGradStep(m, c, dv[t], di[t], gv, gi);
    dx[t] = step.dx;
    gv = step.gv;
    gi = step.gi;
  }
  return [m.stack(dx), gv as T, gi as T];
}

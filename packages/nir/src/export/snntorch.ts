import type { Tensor } from '@snn/core';
import { isExactly, Lapicque, Leaky, type Module, RLeaky, RSynaptic, Synaptic } from '@snn/modules';
import { NirConversionError } from '../errors.js';
import type { NirArray } from '../ir/graph.js';
import type { Cursor, GraphBuilder } from './builder.js';

/*
 * snnTorch's neurons update their membrane as mem' = a*mem + c*x per step (Leaky: a = beta, c = 1;
 * Lapicque: a = 1 - dt/(RC), c = R dt/(RC)) and fire on mem - threshold > 0. NIR's Euler step of
 * tau dv/dt = -v + r x at the graph's dt D is v' = (1 - D/tau) v + (D r/tau) x: so tau = D/(1 - a),
 * r = c/(1 - a), v_leak = 0 (snnTorch's own exporter: tau = D/(1 - beta), r = tau/D). The resets:
 *   zero (Leaky, delayed as snnTorch does): NIR's LIF with v_reset 0 spikes identically;
 *   none: LI -> Threshold;
 *   subtract (snnTorch's default): mem' = a*mem + c*x - threshold*spk_prev, written as the cycle
 *   LI -> Threshold -> Scale(-threshold) -> LI, the spike fed back one step later as NIR's cycles are.
 * Synaptic adds a synaptic LI (alpha) before the membrane, RLeaky/RSynaptic their recurrent Affine
 * (or one-to-one Scale V) from the spikes back into the membrane (or the synaptic current).
 */

type Coefficients = { a: Tensor | number; c?: Tensor | number };

async function values(
  t: Tensor | number,
  shape: readonly number[],
  b: GraphBuilder,
  where: string,
): Promise<Float64Array> {
  return (await b.param(t, shape, where)).data as Float64Array;
}

/** LI with per-neuron a and c (as host values). */
async function membraneLI(b: GraphBuilder, k: Coefficients, shape: readonly number[], where: string) {
  const a = await values(k.a, shape, b, where);
  const c = await values(k.c ?? 1, shape, b, where);
  const tau = new Float64Array(a.length);
  const r = new Float64Array(a.length);
  for (let i = 0; i < a.length; i++) {
    const keep = Math.min(Math.max(a[i], 0), 1); // snnTorch clamps beta and alpha to [0, 1]
    if (keep >= 1) {
      throw new NirConversionError(
        `${where}: a decay of 1 (no leak) has no LIF/LI time constant; NIR's IF or I is the leak-free neuron`,
      );
    }
    tau[i] = b.dt / (1 - keep);
    r[i] = c[i] / (1 - keep);
  }
  const arr = (data: Float64Array): NirArray => ({ data, shape: [...shape] });
  return { tau: arr(tau), r: arr(r), v_leak: arr(new Float64Array(a.length)) };
}

interface SnnTorchLike {
  readonly resetMechanism: 'subtract' | 'zero' | 'none';
  readonly threshold: { value: Tensor };
}

/** The membrane with its reset; `input` feeds it. Returns the spike node (the layer's output) and the membrane. */
async function membraneWithReset(
  b: GraphBuilder,
  name: string,
  m: SnnTorchLike,
  k: Coefficients,
  input: string,
  shape: readonly number[],
  where: string,
  resetDelay: boolean,
): Promise<{ spikes: string; membrane: string }> {
  const thr = await b.param(m.threshold.value, shape, where);
  const reset = m.resetMechanism;
  if (reset !== 'none' && !resetDelay) {
    throw new NirConversionError(
      `${where}: resetDelay false applies the ${reset} reset in the spike's own step and skips a second one; NIR's neurons cannot express that (the default resetDelay true converts exactly)`,
    );
  }
  const li = await membraneLI(b, k, shape, where);
  if (reset === 'zero') {
    const node = {
      type: 'LIF' as const,
      ...li,
      v_threshold: thr,
      v_reset: { data: new Float64Array(thr.data.length), shape: [...shape] },
    };
    const spikes = b.add(name, node);
    b.edge(input, spikes);
    return { spikes, membrane: spikes };
  }
  const membrane = b.add(`${name}_membrane`, { type: 'LI', ...li });
  b.edge(input, membrane);
  const spikes = b.add(name, { type: 'Threshold', threshold: thr });
  b.edge(membrane, spikes);
  if (reset === 'subtract') {
    const minus = Float32Array.from(thr.data, (t) => -t);
    const fb = b.add(`${name}_reset`, { type: 'Scale', scale: { data: minus, shape: [...shape] } });
    b.edge(spikes, fb);
    b.edge(fb, membrane);
  }
  return { spikes, membrane };
}

const zeroQuirk = (where: string) =>
  new NirConversionError(
    `${where}: snnTorch's 'zero' reset here zeroes the whole new membrane, this step's input included, one step after a spike; no NIR neuron does that (NIR resets to v_reset and keeps integrating). Use resetMechanism 'subtract' or 'none', or Leaky, whose 'zero' reset converts exactly`,
  );

async function recurrence(
  b: GraphBuilder,
  name: string,
  m: RLeaky | RSynaptic,
  spikes: string,
  target: string,
  shape: readonly number[],
  where: string,
): Promise<void> {
  const p = m.p;
  let node: string;
  if (p.recurrentWeight) {
    const weight = await b.weight(p.recurrentWeight);
    node = p.recurrentBias
      ? b.add(`${name}_recurrent`, { type: 'Affine', weight, bias: await b.weight(p.recurrentBias) })
      : b.add(`${name}_recurrent`, { type: 'Linear', weight });
  } else {
    const v = await b.param(p.V as Tensor | number, shape, where);
    const scale = { data: Float32Array.from(v.data), shape: [...shape] };
    // a learnable V is read back from the Scale (float32, as V holds it)
    const source = b.sources.get(v);
    if (source) b.sources.set(scale, source);
    node = b.add(`${name}_recurrent`, { type: 'Scale', scale });
  }
  b.edge(spikes, node);
  b.edge(node, target);
}

export async function snntorchNodes(
  name: string,
  m: Module,
  cur: Cursor,
  b: GraphBuilder,
): Promise<Cursor | null> {
  const where = `${name} (${m.constructor.name})`;
  const shape = cur.shape;
  const done = (spikes: string): Cursor => ({ tail: spikes, shape, spikes: true });
  if (isExactly(m, Leaky)) {
    const p = m.p;
    const { spikes } = await membraneWithReset(
      b,
      name,
      m,
      { a: p.beta as Tensor },
      cur.tail,
      shape,
      where,
      p.resetDelay !== false,
    );
    return done(spikes);
  }
  if (isExactly(m, Lapicque)) {
    if (m.resetMechanism === 'zero') throw zeroQuirk(where);
    const [R, C, ts] = await Promise.all([m.R.value.data(), m.C.value.data(), m.time_step.value.data()]);
    const rc = R[0] * C[0];
    const a = 1 - ts[0] / rc;
    const c = (R[0] * ts[0]) / rc;
    const { spikes } = await membraneWithReset(b, name, m, { a, c }, cur.tail, shape, where, true);
    return done(spikes);
  }
  if (isExactly(m, Synaptic) || isExactly(m, RSynaptic)) {
    if (m.resetMechanism === 'zero') throw zeroQuirk(where);
    const p = m.p;
    const syn = await membraneLI(b, { a: p.alpha as Tensor }, shape, where);
    const synapse = b.chain(cur, `${name}_synapse`, { type: 'LI', ...syn });
    const { spikes } = await membraneWithReset(
      b,
      name,
      m,
      { a: p.beta as Tensor },
      synapse,
      shape,
      where,
      true,
    );
    if (isExactly(m, RSynaptic)) await recurrence(b, name, m, spikes, synapse, shape, where);
    return done(spikes);
  }
  if (isExactly(m, RLeaky)) {
    if (m.resetMechanism === 'zero') throw zeroQuirk(where);
    const p = m.p;
    const { spikes, membrane } = await membraneWithReset(
      b,
      name,
      m,
      { a: p.beta as Tensor },
      cur.tail,
      shape,
      where,
      p.resetDelay !== false,
    );
    await recurrence(b, name, m, spikes, membrane, shape, where);
    return done(spikes);
  }
  return null;
}

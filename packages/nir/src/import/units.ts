import {
  add,
  conv2d,
  fill,
  maxPool2d,
  mul,
  type SpikeMethod,
  sub,
  surrogate,
  type Tensor,
  tensor,
} from '@snn/core';
import {
  Conv2d,
  Flatten,
  IAFCell,
  Leaky,
  LICell,
  LIFBoxCell,
  LIFCell,
  LIFRecurrentCell,
  Linear,
  type Module,
} from '@snn/modules';
import { NirConversionError } from '../errors.js';
import type { CubaLIFNode, IntList, NirArray, NirGraph, NirNode, PoolNode } from '../ir/graph.js';
import { nirArray, sizeOf } from '../ir/graph.js';
import { convPadding } from '../ir/shapes.js';
import { NirParameters } from './param-module.js';
import type { Unit } from './unit.js';
import { at, every, near, paramOf } from './values.js';

export interface UnitOptions {
  /** The graph's time step (seconds). */
  readonly dt: number;
  /** Spike function for every spiking unit; default: each cell's library default (Threshold: atan). */
  readonly surrogate?: SpikeMethod;
}

/** The graph around one node: who feeds it, whom it feeds. */
export class Topology {
  constructor(readonly graph: NirGraph) {}
  producers(name: string): string[] {
    return this.graph.edges.filter(([, b]) => b === name).map(([a]) => a);
  }
  consumers(name: string): string[] {
    return this.graph.edges.filter(([a]) => a === name).map(([, b]) => b);
  }
  node(name: string): NirNode {
    return this.graph.nodes[name];
  }
}

const weightTensor = (a: NirArray): Tensor => tensor(Float32Array.from(a.data), [...a.shape]);

/** x * c for a number or per-neuron tensor c, skipping the product when c is the number 1. */
function scaled(c: number | Tensor): (x: Tensor) => Tensor {
  return c === 1 ? (x) => x : (x) => mul(x, c);
}

/** One time step of a neuron as D/tau-style coefficients: the input gain of its current. */
function stateful(
  id: string,
  kind: string,
  module: Module,
  shape: IntList,
  spikes: boolean,
  gain: number | Tensor,
  run: (x: Tensor, s: unknown) => [Tensor, unknown],
  membrane: (s: unknown) => Tensor,
  covers: readonly string[] = [id],
  entry = covers[0],
): Unit {
  const pre = scaled(gain);
  return {
    id,
    covers,
    entry,
    kind,
    module,
    spikes,
    outputShape: shape,
    step: (x, s) => run(pre(x), s),
    membrane,
  };
}

/** NIR's Euler step of LI/LIF at dt D: v' = (1 - D/tau) v + (D r/tau) x + (D/tau) v_leak. */
function leakyForm(n: { tau: NirArray; r: NirArray; v_leak: NirArray }, D: number) {
  // snnTorch's form: v_leak 0 and D r/tau = 1, i.e. v' = beta v + x with beta = 1 - D/tau.
  const snntorch = every(n.v_leak, (x) => x === 0) && every(n.tau, (t, k) => near((D * at(n.r, k)) / t, 1));
  return { snntorch, beta: paramOf(n.tau, (t) => Math.fround(1 - D / t)) };
}

function spikeFn(options: UnitOptions): (x: Tensor) => Tensor {
  const f = surrogate.resolveSpikeFunction(options.surrogate ?? 'atan', options.surrogate ? undefined : 2);
  return (x) => f(x, false);
}

/** A unit for one node on its own (patterns of several nodes are matched before, in patterns.ts). */
export function nodeUnit(id: string, node: NirNode, inputShape: IntList | null, options: UnitOptions): Unit {
  const D = options.dt;
  const method = options.surrogate;
  const stateless = (
    kind: string,
    module: Module | null,
    shape: IntList,
    spikes: boolean,
    apply: (x: Tensor) => Tensor,
  ): Unit => ({
    id,
    covers: [id],
    entry: id,
    kind,
    module,
    spikes,
    outputShape: shape,
    apply,
  });
  const where = `node "${id}" (${node.type})`;
  switch (node.type) {
    case 'Input':
    case 'Output':
      return stateless(node.type, null, node.shape, false, (x) => x);
    case 'Affine':
    case 'Linear': {
      const [out, inp] = node.weight.shape;
      if (node.weight.shape.length !== 2)
        throw new NirConversionError(
          `${where}: a weight of shape [${node.weight.shape.join(', ')}] (batched) has no counterpart here; 2-D weights only`,
        );
      const m = new Linear(inp, out, { bias: node.type === 'Affine' });
      m.weight.assign(weightTensor(node.weight));
      if (node.type === 'Affine') m.bias!.assign(weightTensor(node.bias));
      return stateless(
        `Linear(${inp}, ${out}${node.type === 'Linear' ? ', no bias' : ''})`,
        m,
        [out],
        false,
        (x) => m.forward(x),
      );
    }
    case 'Conv2d': {
      if (node.groups !== 1 || node.dilation.some((d) => d !== 1)) {
        throw new NirConversionError(
          `${where}: groups ${node.groups} and dilation [${node.dilation.join(', ')}] have no counterpart here (Conv2d takes groups 1, dilation 1)`,
        );
      }
      const [o, i, kh, kw] = node.weight.shape;
      const padding = convPadding(node) as [number, number];
      if (padding.some((p) => !Number.isInteger(p)))
        throw new NirConversionError(
          `${where}: 'same' padding of an even kernel is asymmetric; Conv2d pads symmetrically`,
        );
      const m = new Conv2d(i, o, [kh, kw], { stride: node.stride as [number, number], padding });
      m.weight.assign(weightTensor(node.weight));
      m.bias!.assign(weightTensor(node.bias));
      const inShape = inputShape ?? [i, ...(node.input_shape ?? [])];
      const outShape = [
        o,
        ...[0, 1].map((d) =>
          Math.floor((inShape[d + 1] + 2 * padding[d] - [kh, kw][d]) / node.stride[d] + 1),
        ),
      ];
      return stateless(`Conv2d(${i}, ${o}, ${kh}x${kw})`, m, outShape, false, (x) => m.forward(x));
    }
    case 'SumPool2d':
    case 'AvgPool2d': {
      if (!inputShape) throw new NirConversionError(`${where}: its input shape is unknown`);
      const [c, h, w] = inputShape;
      const [kh, kw] = node.kernel_size;
      const [sh, sw] = node.stride;
      const [ph, pw] = node.padding;
      const out = [c, Math.floor((h + 2 * ph - kh) / sh + 1), Math.floor((w + 2 * pw - kw) / sw + 1)];
      // A [C, C, kh, kw] kernel that adds each channel's window to itself: the sum of every window.
      const k = new Float32Array(c * c * kh * kw);
      const value = node.type === 'AvgPool2d' ? 1 / (kh * kw) : 1;
      for (let ch = 0; ch < c; ch++) k.fill(value, (ch * c + ch) * kh * kw, (ch * c + ch + 1) * kh * kw);
      const kernel = tensor(k, [c, c, kh, kw]);
      return stateless(node.type, null, out, false, (x) =>
        conv2d(x, kernel, { stride: [sh, sw], padding: [ph, pw] }),
      );
    }
    case 'Flatten': {
      const shape = inputShape ?? node.input_type;
      if (!shape) throw new NirConversionError(`${where}: its input shape is unknown`);
      const m = new Flatten(
        node.start_dim < 0 ? node.start_dim : node.start_dim + 1,
        node.end_dim < 0 ? node.end_dim : node.end_dim + 1,
      );
      const s = node.start_dim < 0 ? shape.length + node.start_dim : node.start_dim;
      const e = node.end_dim < 0 ? shape.length + node.end_dim : node.end_dim;
      const out = [...shape.slice(0, s), sizeOf(shape.slice(s, e + 1)), ...shape.slice(e + 1)];
      return stateless('Flatten', m, out, false, (x) => m.forward(x));
    }
    case 'Scale': {
      const m = new NirParameters({ scale: node.scale });
      const s = paramOf(node.scale);
      return stateless('Scale', m, node.scale.shape, false, (x) =>
        mul(x, typeof s === 'number' ? s : m.get('scale')),
      );
    }
    case 'Threshold': {
      const m = new NirParameters({ threshold: node.threshold });
      const th = paramOf(node.threshold);
      const fire = spikeFn(options);
      return stateless('Threshold', m, node.threshold.shape, true, (x) =>
        fire(sub(x, typeof th === 'number' ? th : m.get('threshold'))),
      );
    }
    case 'Delay':
      return delayUnit(id, node.delay, D, where);
    case 'LIF': {
      const form = leakyForm(node, D);
      const shape = node.tau.shape;
      if (form.snntorch && every(node.v_reset, (x) => x === 0)) {
        const leaky = leakyModule(form.beta, paramOf(node.v_threshold), shape, 'zero', method);
        return stateless_(
          id,
          'Leaky (reset zero)',
          leaky,
          shape,
          (x, s) => leaky.forward(x, s as Tensor | null),
          (s) => s as Tensor,
        );
      }
      const cell = new LIFBoxCell({
        p: {
          tauMemInv: paramOf(node.tau, (t) => 1 / t),
          vLeak: paramOf(node.v_leak),
          vTh: paramOf(node.v_threshold),
          vReset: paramOf(node.v_reset),
          ...(method ? { method } : {}),
        },
        dt: D,
      });
      return stateful(
        id,
        'LIFBoxCell',
        cell,
        shape,
        true,
        paramOf(node.r),
        (x, s) => cell.forward(x, s as never),
        (s) => (s as { v: Tensor }).v,
      );
    }
    case 'LI': {
      const form = leakyForm(node, D);
      const shape = node.tau.shape;
      const m = new NirParameters({ tau: node.tau, r: node.r, v_leak: node.v_leak });
      if (form.snntorch) {
        // snnTorch's leaky membrane without reset: v' = beta v + x (its op order, as Leaky 'none').
        const beta = form.beta;
        return stateless_(
          id,
          'leaky integrator (snnTorch form)',
          m,
          shape,
          (x, s) => {
            const v = s === null ? x : add(mul(s as Tensor, beta), x);
            return [v, v];
          },
          (s) => s as Tensor,
          false,
        );
      }
      const k = paramOf(node.tau, (t) => D / t);
      const vLeak = paramOf(node.v_leak);
      const r = paramOf(node.r);
      return stateless_(
        id,
        'leaky integrator',
        m,
        shape,
        (x, s) => {
          const v0 = (s as Tensor | null) ?? fill([...x.shape], 0);
          const start = s === null && vLeak !== 0 ? add(v0, vLeak) : v0;
          const v = add(start, mul(add(sub(vLeak, start), scaled(r)(x)), k));
          return [v, v];
        },
        (s) => s as Tensor,
        false,
      );
    }
    case 'CubaLI': {
      const cell = new LICell({
        p: {
          tauSynInv: paramOf(node.tau_syn, (t) => 1 / t),
          tauMemInv: paramOf(node.tau_mem, (t) => 1 / t),
          vLeak: paramOf(node.v_leak),
        },
        dt: D,
      });
      return stateful(
        id,
        'LICell',
        cell,
        node.v_leak.shape,
        false,
        cubaGain(node, D),
        (x, s) => cell.forward(x, s as never),
        (s) => (s as { v: Tensor }).v,
      );
    }
    case 'CubaLIF':
      return cubaLIFUnit(id, node, D, method);
    case 'IF': {
      const cell = new IAFCell({
        p: { vTh: paramOf(node.v_threshold), vReset: paramOf(node.v_reset), ...(method ? { method } : {}) },
        dt: D,
      });
      return stateful(
        id,
        'IAFCell',
        cell,
        node.r.shape,
        true,
        paramOf(node.r, (r) => r * D),
        (x, s) => cell.forward(x, s as never),
        (s) => (s as { v: Tensor }).v,
      );
    }
    case 'I': {
      const m = new NirParameters({ r: node.r });
      const gain = paramOf(node.r, (r) => r * D);
      return stateless_(
        id,
        'integrator',
        m,
        node.r.shape,
        (x, s) => {
          const v = s === null ? scaled(gain)(x) : add(s as Tensor, scaled(gain)(x));
          return [v, v];
        },
        (s) => s as Tensor,
        false,
      );
    }
    case 'Conv1d':
      throw new NirConversionError(
        `${where}: 1-D convolution has no counterpart here (@snn/modules has Conv2d)`,
      );
    case 'NIRGraph':
      throw new NirConversionError(`${where}: nested graphs are flattened before this point`);
  }
}

/** A stateful unit that is its own module (no input gain). */
function stateless_(
  id: string,
  kind: string,
  module: Module,
  shape: IntList,
  run: (x: Tensor, s: unknown) => [Tensor, unknown],
  membrane: (s: unknown) => Tensor,
  spikes = true,
): Unit {
  return { id, covers: [id], entry: id, kind, module, spikes, outputShape: shape, step: run, membrane };
}

/** snnTorch's Leaky with beta and threshold as numbers or per-neuron values. */
export function leakyModule(
  beta: number | Tensor,
  threshold: number | Tensor,
  shape: IntList,
  reset: 'zero' | 'subtract',
  method?: SpikeMethod,
): Leaky {
  const perNeuron = typeof beta !== 'number' || typeof threshold !== 'number';
  const leaky = new Leaky(typeof beta === 'number' ? beta : 0, {
    threshold: typeof threshold === 'number' ? threshold : 1,
    resetMechanism: reset,
    ...(perNeuron ? { shape: [...shape] } : {}),
    ...(method ? { spikeGrad: method } : {}),
  });
  if (typeof beta !== 'number') leaky.beta.assign(beta);
  else if (perNeuron) leaky.beta.assign(fill([...shape], beta));
  if (typeof threshold !== 'number') leaky.threshold.assign(threshold);
  else if (perNeuron) leaky.threshold.assign(fill([...shape], threshold));
  return leaky;
}

/**
 * The input gain that turns NIR's current-based step into Norse's: with c = r w_in D/tau_syn the
 * current jumps by c x and the membrane integrates it (Norse: c = 1, w_in = tau_syn/D, r = 1).
 */
export function cubaGain(
  node: { r: NirArray; w_in: NirArray; tau_syn: NirArray },
  D: number,
): number | Tensor {
  const c = nirArray(0, node.tau_syn.shape);
  const data = c.data as Float64Array;
  for (let k = 0; k < data.length; k++)
    data[k] = (at(node.r, k) * at(node.w_in, k) * D) / at(node.tau_syn, k);
  return paramOf(c, (x) => (near(x, 1) ? 1 : x));
}

export const norseParams = (node: CubaLIFNode, method?: SpikeMethod) => ({
  tauSynInv: paramOf(node.tau_syn, (t) => 1 / t),
  tauMemInv: paramOf(node.tau_mem, (t) => 1 / t),
  vLeak: paramOf(node.v_leak),
  vTh: paramOf(node.v_threshold),
  vReset: paramOf(node.v_reset),
  ...(method ? { method } : {}),
});

/**
 * A CubaLIF on its own: NIR's Euler step, in the op order of Norse's lif_step (the current jumps by
 * the input first, then the membrane integrates it; see cubaGain for r and w_in).
 */
function cubaLIFUnit(id: string, node: CubaLIFNode, D: number, method?: SpikeMethod): Unit {
  const p = norseParams(node, method);
  const m = new NirParameters({
    tau_syn: node.tau_syn,
    tau_mem: node.tau_mem,
    r: node.r,
    v_leak: node.v_leak,
    v_threshold: node.v_threshold,
    v_reset: node.v_reset,
    w_in: node.w_in,
  });
  const fire = surrogate.resolveSpikeFunction(method ?? 'super', method ? undefined : 100);
  const kMem = typeof p.tauMemInv === 'number' ? D * p.tauMemInv : mul(p.tauMemInv, D);
  const kSyn = typeof p.tauSynInv === 'number' ? -D * p.tauSynInv : mul(p.tauSynInv, -D);
  type S = { v: Tensor; i: Tensor };
  return stateful(
    id,
    'CubaLIF (Norse lif_step arithmetic)',
    m,
    node.v_leak.shape,
    true,
    cubaGain(node, D),
    (x, s) => {
      const st = (s as S | null) ?? { v: add(fill([...x.shape], 0), p.vLeak), i: fill([...x.shape], 0) };
      const ij = add(st.i, x);
      const vd = add(st.v, mul(add(sub(p.vLeak, st.v), ij), kMem));
      const id_ = add(ij, mul(ij, kSyn));
      const z = fire(sub(vd, p.vTh), false);
      const kept = mul(sub(1, z), vd);
      const v = p.vReset === 0 ? kept : add(kept, mul(z, p.vReset));
      return [z, { v, i: id_ }];
    },
    (s) => (s as S).v,
  );
}

function delayUnit(id: string, delay: NirArray, D: number, where: string): Unit {
  const steps = Array.from(delay.data, (d) => d / D);
  const k = Math.round(steps[0]);
  if (!steps.every((s) => near(s, k) || (k === 0 && Math.abs(s) < 1e-9))) {
    throw new NirConversionError(
      `${where}: delays of [${[...new Set(delay.data)].slice(0, 4).join(', ')}] s are not one whole number of time steps of ${D} s for every element; only a uniform delay of whole steps runs here`,
    );
  }
  // State: the last k inputs, oldest first.
  return {
    id,
    covers: [id],
    entry: id,
    kind: `Delay(${k} step${k === 1 ? '' : 's'})`,
    module: null,
    spikes: false,
    outputShape: delay.shape,
    step: (x, s) => {
      if (k === 0) return [x, null];
      const queue = (s as Tensor[] | null) ?? Array.from({ length: k }, () => fill([...x.shape], 0));
      return [queue[0], [...queue.slice(1), x]];
    },
  };
}

/** Norse's LIFCell: a one-step Delay into a Norse-form CubaLIF (see export/norse.ts). */
export function lifCellUnit(
  delayId: string,
  id: string,
  node: CubaLIFNode,
  D: number,
  method?: SpikeMethod,
): Unit {
  const cell = new LIFCell({ p: norseParams(node, method), dt: D });
  return stateful(
    id,
    'LIFCell (Delay, CubaLIF)',
    cell,
    node.v_leak.shape,
    true,
    cubaGain(node, D),
    (x, s) => cell.forward(x, s as never),
    (s) => (s as { v: Tensor }).v,
    [delayId, id],
    delayId,
  );
}

/** Norse's LIFRecurrentCell: Linear(in) -> CubaLIF <-> Linear(recurrent), Norse form. */
export function lifRecurrentUnit(
  inputId: string,
  id: string,
  recId: string,
  g: { readonly nodes: NirGraph['nodes'] },
  D: number,
  method?: SpikeMethod,
): Unit {
  const node = g.nodes[id] as CubaLIFNode;
  const win = (g.nodes[inputId] as Extract<NirNode, { type: 'Linear' }>).weight;
  const wrec = (g.nodes[recId] as Extract<NirNode, { type: 'Linear' }>).weight;
  const [hidden, inputs] = win.shape;
  const autapses = Array.from({ length: hidden }, (_, k) => wrec.data[k * hidden + k]).some((w) => w !== 0);
  const cell = new LIFRecurrentCell(inputs, hidden, { p: norseParams(node, method), dt: D, autapses });
  cell.input_weights.assign(weightTensor(win));
  cell.recurrent_weights.assign(weightTensor(wrec));
  return stateful(
    id,
    'LIFRecurrentCell (Linear, CubaLIF, recurrent Linear)',
    cell,
    [hidden],
    true,
    1,
    (x, s) => cell.forward(x, s as never),
    (s) => (s as { v: Tensor }).v,
    [inputId, id, recId],
    inputId,
  );
}

/** snnTorch's Leaky with the subtract reset: LI -> Threshold -> Scale(-threshold) -> LI. */
export function leakySubtractUnit(
  liId: string,
  thId: string,
  scaleId: string,
  g: { readonly nodes: NirGraph['nodes'] },
  D: number,
  method?: SpikeMethod,
): Unit {
  const li = g.nodes[liId] as Extract<NirNode, { type: 'LI' }>;
  const th = g.nodes[thId] as Extract<NirNode, { type: 'Threshold' }>;
  const leaky = leakyModule(leakyForm(li, D).beta, paramOf(th.threshold), li.tau.shape, 'subtract', method);
  return stateful(
    thId,
    'Leaky (reset subtract: LI, Threshold, Scale)',
    leaky,
    li.tau.shape,
    true,
    1,
    (x, s) => leaky.forward(x, s as Tensor | null),
    (s) => s as Tensor,
    [liId, thId, scaleId],
    liId,
  );
}

/** Max pooling of spikes, written as SumPool2d -> Threshold(0). */
export function maxPoolUnit(
  poolId: string,
  thId: string,
  g: { readonly nodes: NirGraph['nodes'] },
  inputShape: IntList,
): Unit {
  const pool = g.nodes[poolId] as PoolNode;
  const [kh, kw] = pool.kernel_size;
  const [sh, sw] = pool.stride;
  const [c, h, w] = inputShape;
  const out = [c, Math.floor((h - kh) / sh + 1), Math.floor((w - kw) / sw + 1)];
  return {
    id: thId,
    covers: [poolId, thId],
    entry: poolId,
    kind: 'MaxPool2d (SumPool2d, Threshold 0)',
    module: null,
    spikes: true,
    outputShape: out,
    apply: (x) => maxPool2d(x, [kh, kw], [sh, sw]),
  };
}

export { leakyForm };

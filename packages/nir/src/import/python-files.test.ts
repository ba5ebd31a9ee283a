import { tensor } from '@snn/core';
import { readNir } from '../io/read-nir.js';
import { type RefNode, simulate } from '../test-utils/euler.js';
import { f32, f64, fill, type PyNode, pyNirFile, subgraph } from '../test-utils/h5py-like.js';
import { fromNir } from './nir-model.js';

/*
 * Files as snnTorch, Norse and SpikingJelly write them through the `nir` Python package (built here
 * with h5wasm from the specification, not with our writer: no NIR files from those libraries are in
 * the repository), imported with fromNir and held to a float64 Euler simulation of NIR's equations
 * written from the specification (test-utils/euler.ts).
 */

const T = 25;
const B = 2;

/** A small deterministic generator (the tests must not depend on our own RNG to build their inputs). */
function lcg(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

const matrix = (rows: number, cols: number, rnd: () => number, lo: number, hi: number): number[][] =>
  Array.from({ length: rows }, () => Array.from({ length: cols }, () => lo + (hi - lo) * rnd()));

function inputs(n: number, hi: number, seed: number): number[][][] {
  const rnd = lcg(seed);
  return Array.from({ length: T }, () => matrix(B, n, rnd, 0, hi));
}

async function importAndRun(
  nodes: Record<string, PyNode>,
  edges: [string, string][],
  x: number[][][],
  dt: number,
) {
  const bytes = await pyNirFile(nodes, edges);
  const { graph } = await readNir(bytes, 'python-like.nir');
  const model = fromNir(graph, { dt });
  const xt = tensor(Float32Array.from(x.flat(2)), [T, B, x[0][0].length]);
  const out = Array.from(await model.forward(xt).data());
  return { model, out };
}

/** Spikes must agree everywhere; a float32 membrane differs from float64 only by rounding. */
function expectSpikesEqual(got: number[], want: number[][][]): void {
  const flat = want.flat(2);
  expect(got.length).toBe(flat.length);
  expect(flat.some((v) => v === 1)).toBe(true); // the test means something only if neurons fire
  expect(got).toEqual(flat);
}

const affine = (w: number[][], b: number[]): PyNode => ({
  type: 'Affine',
  weight: f32(w.flat(), [w.length, w[0].length]),
  bias: f32(b),
});

/** The reference LIF of snnTorch's export (tau = dt/(1 - beta), r = tau/dt, v_leak 0, threshold 1), float32 constants. */
const snntorchLif = (n: number, tau: number, dt: number): RefNode => ({
  type: 'LIF',
  tau: fill(n, Math.fround(tau)),
  r: fill(n, Math.fround(tau / dt)),
  vLeak: fill(n, 0),
  vTh: fill(n, 1),
  vReset: fill(n, 0),
});

describe('fromNir reads graphs as the Python libraries write them', () => {
  it("snnTorch: Linear -> Leaky -> Linear -> Synaptic (LIF and CubaLIF at snnTorch's dt 1e-4, beta as exp form)", async () => {
    const dt = 1e-4;
    const rnd = lcg(11);
    const w1 = matrix(5, 4, rnd, -0.2, 0.6);
    const b1 = fill(5, 0.05);
    const w2 = matrix(3, 5, rnd, 0, 0.8);
    const b2 = fill(3, 0);
    const beta = 0.9;
    const alpha = 0.8;
    // snnTorch's exporter: tau = dt/(1 - beta), r = tau/dt, v_leak = 0; Synaptic adds tau_syn and w_in.
    const tau = dt / (1 - beta);
    const tauSyn = dt / (1 - alpha);
    const nodes: Record<string, PyNode> = {
      input: { type: 'Input', shape: { i64: [4] } },
      fc1: affine(w1, b1),
      lif1: {
        type: 'LIF',
        tau: f32(fill(5, tau)),
        r: f32(fill(5, tau / dt)),
        v_leak: f32(fill(5, 0)),
        v_threshold: f32(fill(5, 1)),
        v_reset: f32(fill(5, 0)),
      },
      fc2: affine(w2, b2),
      syn2: {
        type: 'CubaLIF',
        tau_syn: f32(fill(3, tauSyn)),
        tau_mem: f32(fill(3, tau)),
        r: f32(fill(3, tau / dt)),
        v_leak: f32(fill(3, 0)),
        v_threshold: f32(fill(3, 1)),
        v_reset: f32(fill(3, 0)),
        w_in: f32(fill(3, tauSyn / dt)),
      },
      output: { type: 'Output', shape: { i64: [3] } },
    };
    const edges: [string, string][] = [
      ['input', 'fc1'],
      ['fc1', 'lif1'],
      ['lif1', 'fc2'],
      ['fc2', 'syn2'],
      ['syn2', 'output'],
    ];
    const x = inputs(4, 1.5, 3);
    const { model, out } = await importAndRun(nodes, edges, x, dt);
    const lif = (n: number) => snntorchLif(n, tau, dt);
    const ref = simulate(
      {
        input: { type: 'Input' },
        fc1: { type: 'Affine', w: w1.map((r) => r.map(Math.fround)), b: b1.map(Math.fround) },
        lif1: lif(5),
        fc2: { type: 'Affine', w: w2.map((r) => r.map(Math.fround)), b: b2 },
        syn2: {
          type: 'CubaLIF',
          tauSyn: fill(3, Math.fround(tauSyn)),
          tauMem: fill(3, Math.fround(tau)),
          r: fill(3, Math.fround(tau / dt)),
          vLeak: fill(3, 0),
          vTh: fill(3, 1),
          vReset: fill(3, 0),
          wIn: fill(3, Math.fround(tauSyn / dt)),
        },
        output: { type: 'Output' },
      },
      ['input', 'fc1', 'lif1', 'fc2', 'syn2', 'output'],
      edges,
      x,
      dt,
    );
    expect(model.kinds.syn2).toMatch(/CubaLIF|Synaptic|LIFCell|Cuba/);
    expectSpikesEqual(out, ref.out);
  });

  it("Norse: Affine -> recurrent LIF (a Linear cycle) -> Affine -> LI, float32 tau_mem = 1/tau_mem_inv at Norse's dt 1e-3", async () => {
    const dt = 1e-3;
    const rnd = lcg(21);
    const wIn = matrix(6, 3, rnd, 0, 1);
    const wRec = matrix(6, 6, rnd, -0.5, 0.5);
    const wOut = matrix(2, 6, rnd, -0.3, 1);
    const nodes: Record<string, PyNode> = {
      input: { type: 'Input', shape: { i64: [3] } },
      in_w: affine(wIn, fill(6, 0)),
      lif: {
        type: 'LIF',
        tau: f32(fill(6, 0.01)),
        r: f32(fill(6, 1)),
        v_leak: f32(fill(6, 0)),
        v_threshold: f32(fill(6, 1)),
        v_reset: f32(fill(6, 0)),
      },
      rec: { type: 'Linear', weight: f32(wRec.flat(), [6, 6]) },
      out_w: affine(wOut, fill(2, 0.1)),
      li: { type: 'LI', tau: f64(fill(2, 0.005)), r: f64(fill(2, 1)), v_leak: f64(fill(2, 0)) },
      output: { type: 'Output', shape: { i64: [2] } },
    };
    const edges: [string, string][] = [
      ['input', 'in_w'],
      ['in_w', 'lif'],
      ['lif', 'rec'],
      ['rec', 'lif'],
      ['lif', 'out_w'],
      ['out_w', 'li'],
      ['li', 'output'],
    ];
    const x = inputs(3, 30, 4);
    const { model, out } = await importAndRun(nodes, edges, x, dt);
    const f = (m: number[][]) => m.map((r) => r.map(Math.fround));
    const ref = simulate(
      {
        input: { type: 'Input' },
        in_w: { type: 'Affine', w: f(wIn), b: fill(6, 0) },
        lif: {
          type: 'LIF',
          tau: fill(6, Math.fround(0.01)),
          r: fill(6, 1),
          vLeak: fill(6, 0),
          vTh: fill(6, 1),
          vReset: fill(6, 0),
        },
        rec: { type: 'Affine', w: f(wRec), b: fill(6, 0) },
        out_w: { type: 'Affine', w: f(wOut), b: fill(2, Math.fround(0.1)) },
        li: { type: 'LI', tau: fill(2, 0.005), r: fill(2, 1), vLeak: fill(2, 0) },
        output: { type: 'Output' },
      },
      // the recurrent Linear runs after the LIF: the LIF sees the previous step's spikes, as in NIR
      ['input', 'in_w', 'lif', 'rec', 'out_w', 'li', 'output'],
      edges,
      x,
      dt,
    );
    const want = ref.out.flat(2);
    expect(out.length).toBe(want.length);
    expect(want.some((v) => Math.abs(v) > 0.05)).toBe(true);
    for (let k = 0; k < want.length; k++) expect(out[k]).toBeCloseTo(want[k], 4);
    expect(Object.keys(model.kinds)).toEqual(expect.arrayContaining(['lif', 'rec']));
  });

  it('SpikingJelly: Linear (no bias) -> IFNode (IF, r = 1/dt) -> Linear -> LIFNode (tau = 2 dt, r = 1), dt 1', async () => {
    const dt = 1;
    const rnd = lcg(31);
    const w1 = matrix(4, 3, rnd, 0, 0.7);
    const w2 = matrix(2, 4, rnd, 0.2, 1.2);
    const nodes: Record<string, PyNode> = {
      input: { type: 'Input', shape: { i64: [3] } },
      fc1: { type: 'Linear', weight: f32(w1.flat(), [4, 3]) },
      if1: { type: 'IF', r: f32(fill(4, 1 / dt)), v_threshold: f32(fill(4, 1)), v_reset: f32(fill(4, 0)) },
      fc2: { type: 'Linear', weight: f32(w2.flat(), [2, 4]) },
      lif2: {
        type: 'LIF',
        tau: f32(fill(2, 2 * dt)),
        r: f32(fill(2, 1)),
        v_leak: f32(fill(2, 0)),
        v_threshold: f32(fill(2, 1)),
        v_reset: f32(fill(2, 0)),
      },
      output: { type: 'Output', shape: { i64: [2] } },
    };
    const edges: [string, string][] = [
      ['input', 'fc1'],
      ['fc1', 'if1'],
      ['if1', 'fc2'],
      ['fc2', 'lif2'],
      ['lif2', 'output'],
    ];
    const x = inputs(3, 1, 5);
    const { out } = await importAndRun(nodes, edges, x, dt);
    const f = (m: number[][]) => m.map((r) => r.map(Math.fround));
    const ref = simulate(
      {
        input: { type: 'Input' },
        fc1: { type: 'Affine', w: f(w1), b: fill(4, 0) },
        if1: { type: 'IF', r: fill(4, 1), vTh: fill(4, 1), vReset: fill(4, 0) },
        fc2: { type: 'Affine', w: f(w2), b: fill(2, 0) },
        lif2: {
          type: 'LIF',
          tau: fill(2, 2),
          r: fill(2, 1),
          vLeak: fill(2, 0),
          vTh: fill(2, 1),
          vReset: fill(2, 0),
        },
        output: { type: 'Output' },
      },
      ['input', 'fc1', 'if1', 'fc2', 'lif2', 'output'],
      edges,
      x,
      dt,
    );
    expectSpikesEqual(out, ref.out);
  });

  it("snnTorch's RLeaky and RSynaptic as nested NIRGraph nodes (export_nir.py's subgraphs: input -> lif <-> w_rec, lif -> output)", async () => {
    const dt = 1e-4;
    const rnd = lcg(29);
    const w1 = matrix(4, 3, rnd, 0, 0.9);
    const b1 = fill(4, 0.1);
    const wRec1 = matrix(4, 4, rnd, -0.5, 0.5);
    const bRec1 = fill(4, 0.02);
    const w2 = matrix(2, 4, rnd, 0, 1.2);
    const v2 = [0.3, -0.4]; // RSynaptic one-to-one: snnTorch writes diag(V) as a Linear
    const beta = 0.85;
    const alpha = 0.7;
    const tau = dt / (1 - beta);
    const tauSyn = dt / (1 - alpha);
    const lifNode = (n: number): PyNode => ({
      type: 'LIF',
      tau: f32(fill(n, tau)),
      r: f32(fill(n, tau / dt)),
      v_leak: f32(fill(n, 0)),
      v_threshold: f32(fill(n, 1)),
      v_reset: f32(fill(n, 0)),
    });
    const recurrentEdges: [string, string][] = [
      ['input', 'lif'],
      ['lif', 'w_rec'],
      ['w_rec', 'lif'],
      ['lif', 'output'],
    ];
    const diag = [
      [v2[0], 0],
      [0, v2[1]],
    ];
    const nodes: Record<string, PyNode> = {
      input: { type: 'Input', shape: { i64: [3] } },
      fc1: affine(w1, b1),
      rleaky: subgraph(
        {
          input: { type: 'Input', shape: { i64: [4] } },
          lif: lifNode(4),
          w_rec: affine(wRec1, bRec1),
          output: { type: 'Output', shape: { i64: [4] } },
        },
        recurrentEdges,
      ),
      fc2: { type: 'Linear', weight: f32(w2.flat(), [2, 4]) },
      rsynaptic: subgraph(
        {
          input: { type: 'Input', shape: { i64: [2] } },
          lif: {
            type: 'CubaLIF',
            tau_syn: f32(fill(2, tauSyn)),
            tau_mem: f32(fill(2, tau)),
            r: f32(fill(2, tau / dt)),
            v_leak: f32(fill(2, 0)),
            v_threshold: f32(fill(2, 1)),
            v_reset: f32(fill(2, 0)),
            w_in: f32(fill(2, tauSyn / dt)),
          },
          w_rec: { type: 'Linear', weight: f32(diag.flat(), [2, 2]) },
          output: { type: 'Output', shape: { i64: [2] } },
        },
        recurrentEdges,
      ),
      output: { type: 'Output', shape: { i64: [2] } },
    };
    const edges: [string, string][] = [
      ['input', 'fc1'],
      ['fc1', 'rleaky'],
      ['rleaky', 'fc2'],
      ['fc2', 'rsynaptic'],
      ['rsynaptic', 'output'],
    ];
    const x = inputs(3, 1.5, 8);
    const { graph } = await readNir(await pyNirFile(nodes, edges), 'nested.nir');
    const inner = graph.nodes.rleaky;
    expect(inner.type).toBe('NIRGraph');
    if (inner.type === 'NIRGraph') {
      expect(Object.keys(inner.nodes)).toEqual(['input', 'lif', 'output', 'w_rec']);
      expect(inner.edges).toEqual(recurrentEdges);
    }
    const { out } = await importAndRun(nodes, edges, x, dt);

    // The same network flat, each recurrent edge carrying the previous step's spikes.
    const fr = (m: number[][]) => m.map((r) => r.map(Math.fround));
    const lifRef = (n: number) => snntorchLif(n, tau, dt);
    const ref = simulate(
      {
        input: { type: 'Input' },
        fc1: { type: 'Affine', w: fr(w1), b: b1.map(Math.fround) },
        lif1: lifRef(4),
        rec1: { type: 'Affine', w: fr(wRec1), b: bRec1.map(Math.fround) },
        fc2: { type: 'Affine', w: fr(w2), b: [0, 0] },
        syn2: {
          type: 'CubaLIF',
          tauSyn: fill(2, Math.fround(tauSyn)),
          tauMem: fill(2, Math.fround(tau)),
          r: fill(2, Math.fround(tau / dt)),
          vLeak: fill(2, 0),
          vTh: fill(2, 1),
          vReset: fill(2, 0),
          wIn: fill(2, Math.fround(tauSyn / dt)),
        },
        rec2: { type: 'Affine', w: fr(diag), b: [0, 0] },
        output: { type: 'Output' },
      },
      ['input', 'fc1', 'lif1', 'rec1', 'fc2', 'syn2', 'rec2', 'output'],
      [
        ['input', 'fc1'],
        ['fc1', 'lif1'],
        ['lif1', 'rec1'],
        ['rec1', 'lif1'],
        ['lif1', 'fc2'],
        ['fc2', 'syn2'],
        ['syn2', 'rec2'],
        ['rec2', 'syn2'],
        ['syn2', 'output'],
      ],
      x,
      dt,
    );
    // the recurrence matters here: the first layer alone spikes otherwise without it
    const firstLayer = (recurrent: boolean) => {
      const names = recurrent
        ? ['input', 'fc1', 'lif1', 'rec1', 'output']
        : ['input', 'fc1', 'lif1', 'output'];
      const chain: [string, string][] = [
        ['input', 'fc1'],
        ['fc1', 'lif1'],
        ['lif1', 'output'],
      ];
      if (recurrent) chain.push(['lif1', 'rec1'], ['rec1', 'lif1']);
      return simulate(
        {
          input: { type: 'Input' },
          fc1: { type: 'Affine', w: fr(w1), b: b1.map(Math.fround) },
          lif1: lifRef(4),
          rec1: { type: 'Affine', w: fr(wRec1), b: bRec1.map(Math.fround) },
          output: { type: 'Output' },
        },
        names,
        chain,
        x,
        dt,
      );
    };
    const withRec = firstLayer(true);
    const noRec = firstLayer(false);
    expect(withRec.out).not.toEqual(noRec.out);
    expectSpikesEqual(out, ref.out);
  });

  it('refuses a node type it cannot run, by name', async () => {
    const bytes = await pyNirFile(
      {
        input: { type: 'Input', shape: { i64: [3] } },
        conv: {
          type: 'Conv1d',
          weight: f32(fill(6, 0.1), [2, 1, 3]),
          bias: f32([0, 0]),
          stride: { i64: [1] },
          padding: { i64: [0] },
          dilation: { i64: [1] },
          groups: 1,
          input_shape: { i64: [1, 3] },
        },
        output: { type: 'Output', shape: { i64: [2] } },
      },
      [
        ['input', 'conv'],
        ['conv', 'output'],
      ],
    );
    const { graph } = await readNir(bytes, 'conv1d.nir');
    expect(() => fromNir(graph, { dt: 1e-3 })).toThrow(/conv.*1-D convolution has no counterpart/);
  });
});

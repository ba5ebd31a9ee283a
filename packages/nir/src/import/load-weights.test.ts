import { add, mul, randomNormal } from '@snn/core';
import {
  Conv2d,
  Flatten,
  LICell,
  LIFBoxCell,
  LIFCell,
  LIFNode,
  LIFRecurrentCell,
  Linear,
  MaxPool2d,
  type Module,
  manualSeed,
  RLeaky,
  RSynaptic,
  Sequential,
} from '@snn/modules';
import { NirConversionError } from '../errors.js';
import { toNir } from '../export/to-nir.js';
import { readNir } from '../io/read-nir.js';
import { writeNir } from '../io/write-nir.js';
import type { NirGraph } from '../ir/graph.js';
import { loadNirWeights } from './load-weights.js';

/*
 * loadNirWeights: a network's file, read into a second network of the same structure built with other
 * random values, makes its state dict the first one's, bit for bit (weights as they are, learnable
 * neuron parameters through the inverse of their conversion); a graph of another structure or with
 * other fixed constants is refused, each difference named with both sides.
 */

async function fileOf(network: Module, inputShape: number[], dt = 1e-3): Promise<NirGraph> {
  const bytes = await writeNir(await toNir(network, { dt, inputShape }));
  return (await readNir(bytes, 'model.nir')).graph;
}

async function stateOf(m: Module): Promise<Record<string, number[]>> {
  const out: Record<string, number[]> = {};
  for (const [k, v] of m.stateDict()) out[k] = Array.from(await v.data());
  return out;
}

/** Norse's recurrent cell with per-neuron learnable tau_mem_inv and v_th spread around their means. */
function recurrentNet(seed: number): Module {
  manualSeed(seed);
  const cell = new LIFRecurrentCell(6, 5, {
    p: { tauMemInv: 100, vTh: 0.5 },
    autapses: false,
    learnable: ['tauMemInv', 'vTh'],
    learnableShape: [5],
  });
  const params = new Map(cell.namedParameters());
  params.get('tau_mem_inv')!.assign(add(mul(randomNormal([5], { seed }), 20), 100));
  params.get('v_th')!.assign(add(mul(randomNormal([5], { seed: seed + 1 }), 0.1), 0.5));
  return new Sequential(cell, new Linear(5, 3, { bias: false }), new LICell());
}

describe('loadNirWeights', () => {
  test.each([
    ['Norse recurrent cell with learnable tau_mem_inv and v_th', recurrentNet, [6]],
    [
      'conv net (Conv2d, LIFCell, MaxPool2d, Flatten, Linear)',
      (seed: number) => {
        manualSeed(seed);
        return new Sequential(
          new Conv2d(1, 2, 3),
          new LIFCell(),
          new MaxPool2d(2),
          new Flatten(),
          new Linear(8, 4),
          new LIFBoxCell(),
        );
      },
      [1, 6, 6],
    ],
    [
      "snnTorch's RLeaky (recurrent Affine, subtract reset)",
      (seed: number) => {
        manualSeed(seed);
        return new Sequential(new Linear(4, 3), new RLeaky(0.9, { linearFeatures: 3 }));
      },
      [4],
    ],
    [
      "snnTorch's RSynaptic one-to-one with a learnable V",
      (seed: number) => {
        manualSeed(seed);
        return new Sequential(
          new Linear(4, 3),
          new RSynaptic(0.6, 0.9, { allToAll: false, V: 0.1 * seed, learnRecurrent: true }),
        );
      },
      [4],
    ],
    [
      'SpikingJelly LIFNode',
      (seed: number) => {
        manualSeed(seed);
        return new Sequential(new Linear(4, 3), new LIFNode({ tau: 2 }));
      },
      [4],
    ],
  ] as const)('%s: the state dict becomes the file’s, bit for bit', async (_, make, inputShape) => {
    const source = make(1);
    const target = make(2);
    const want = await stateOf(source);
    const before = await stateOf(target);
    expect(before).not.toEqual(want);
    const graph = await fileOf(source, [...inputShape]);
    const result = await loadNirWeights(target, graph, { inputShape, name: 'model.nir' });
    expect(result.loaded).toBeGreaterThan(0);
    const got = await stateOf(target);
    for (const key of Object.keys(want)) {
      if (key.endsWith('recurrent_weights')) {
        // autapses off: the file holds a zero diagonal; the cell keeps its own (unused) diagonal
        const n = Math.sqrt(want[key].length);
        const off = (a: number[]) => a.filter((_v, i) => i % (n + 1) !== 0);
        expect(off(got[key])).toEqual(off(want[key]));
        expect(got[key].filter((_v, i) => i % (n + 1) === 0)).toEqual(
          before[key].filter((_v, i) => i % (n + 1) === 0),
        );
      } else expect([key, got[key]]).toEqual([key, want[key]]);
    }
  });

  test('nodes named otherwise are paired by their order from the input', async () => {
    const make = (seed: number) => {
      manualSeed(seed);
      return new Sequential(new Linear(4, 3), new LIFNode({ tau: 2 }), new Linear(3, 2));
    };
    const source = make(1);
    const target = make(2);
    const graph = await fileOf(source, [4]);
    const rename = (n: string) => `n_${n}`;
    const renamed: NirGraph = {
      ...graph,
      nodes: Object.fromEntries(Object.entries(graph.nodes).map(([k, v]) => [rename(k), v])),
      edges: graph.edges.map(([a, b]) => [rename(a), rename(b)] as const),
    };
    const { pairs } = await loadNirWeights(target, renamed, { inputShape: [4] });
    expect(pairs.get('n_0')).toBe('0');
    expect(await stateOf(target)).toEqual(await stateOf(source));
  });

  test('another structure is refused, naming both nodes and shapes', async () => {
    manualSeed(1);
    const graph = await fileOf(new Sequential(new Linear(4, 3), new LIFBoxCell()), [4]);
    const wider = new Sequential(new Linear(4, 5), new LIFBoxCell());
    const error = await loadNirWeights(wider, graph, { inputShape: [4], name: 'small.nir' }).catch((e) => e);
    expect(error).toBeInstanceOf(NirConversionError);
    expect(error.message).toMatch(/^small\.nir does not fit the network:/);
    expect(error.message).toContain('node 0 (Affine) weight: the file has [3, 4], the network [5, 4]');
    expect(error.message).toContain('the file: input: Input [4]; 0: Affine weight [3, 4] bias [3]; 1: LIF');
    expect(error.message).toContain(
      'the network: input: Input [4]; 0: Affine weight [5, 4] bias [5]; 1: LIF',
    );

    const other = new Sequential(new Linear(4, 3), new LIFNode({ tau: 2 }), new Linear(3, 2));
    const msg = (await loadNirWeights(other, graph, { inputShape: [4] }).catch((e) => e)).message;
    expect(msg).toContain('the file has 4 nodes, the network 5');
  });

  test('a fixed constant that differs is refused (the network cannot take it)', async () => {
    manualSeed(1);
    const graph = await fileOf(
      new Sequential(new Linear(4, 3), new LIFBoxCell({ p: { tauMemInv: 50 } })),
      [4],
    );
    const target = new Sequential(new Linear(4, 3), new LIFBoxCell({ p: { tauMemInv: 100 } }));
    const msg = (await loadNirWeights(target, graph, { inputShape: [4] }).catch((e) => e)).message;
    expect(msg).toMatch(
      /node 1 \(LIF\) tau: the file's values differ from the network's, which holds them fixed \(file \[0\.02, 0\.02, 0\.02\], network \[0\.01, 0\.01, 0\.01\]\)/,
    );
  });

  test('a file without snn.dt needs { dt }', async () => {
    manualSeed(1);
    const net = new Sequential(new Linear(4, 3));
    const graph = await fileOf(net, [4]);
    const bare = { ...graph, metadata: {} };
    await expect(loadNirWeights(net, bare, { inputShape: [4] })).rejects.toThrow(/give the time step/);
    await expect(loadNirWeights(net, bare, { inputShape: [4], dt: 1e-3 })).resolves.toMatchObject({
      loaded: 2,
    });
  });
});

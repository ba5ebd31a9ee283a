import { NirFormatError } from '../errors.js';
import { type NirGraph, nirArray } from '../ir/graph.js';
import { hdf5Bytes } from './hdf5.js';
import { readNir } from './read-nir.js';
import { writeNir } from './write-nir.js';

const graph: NirGraph = {
  type: 'NIRGraph',
  nodes: {
    input: { type: 'Input', shape: [3] },
    fc: {
      type: 'Affine',
      weight: nirArray([1, 2, 3, 4, 5, 6], [2, 3], 'float32'),
      bias: nirArray([0.5, -0.5], [2], 'float32'),
    },
    lif: {
      type: 'LIF',
      tau: nirArray(0.01, [2]),
      r: nirArray(1, [2]),
      v_leak: nirArray(0, [2]),
      v_threshold: nirArray([1, 2], [2]),
      v_reset: nirArray(0, [2]),
    },
    output: { type: 'Output', shape: [2] },
  },
  edges: [
    ['input', 'fc'],
    ['fc', 'lif'],
    ['lif', 'output'],
  ],
  metadata: { source: 'test', dt: 0.001 },
};

describe('NIR files', () => {
  it('write then read gives the same graph, arrays keeping their dtype', async () => {
    const bytes = await writeNir(graph);
    const { graph: back, version } = await readNir(bytes, 'mem.nir');
    expect(version).toBe('1.0.7');
    expect(back.edges).toEqual(graph.edges);
    expect(back.metadata).toEqual(graph.metadata);
    expect(Object.keys(back.nodes).sort()).toEqual(Object.keys(graph.nodes).sort());
    const fc = back.nodes.fc as Extract<typeof back.nodes.fc, { type: 'Affine' }>;
    expect(fc.weight.data).toBeInstanceOf(Float32Array);
    expect(Array.from(fc.weight.data)).toEqual([1, 2, 3, 4, 5, 6]);
    expect(fc.weight.shape).toEqual([2, 3]);
    const lif = back.nodes.lif as Extract<typeof back.nodes.lif, { type: 'LIF' }>;
    expect(lif.tau.data).toBeInstanceOf(Float64Array);
    expect(Array.from(lif.v_threshold.data)).toEqual([1, 2]);
    expect(back.nodes.input).toEqual({ type: 'Input', shape: [3] });
  });

  it('refuses bytes that are not HDF5, naming the file', async () => {
    await expect(readNir(new Uint8Array(100), 'model.nir')).rejects.toThrow(/model\.nir: not an HDF5 file/);
  });

  it('refuses an HDF5 file without a NIR graph', async () => {
    const bytes = await hdf5Bytes((f) => {
      f.create_dataset({ name: 'x', data: Float32Array.of(1), shape: [1], dtype: '<f' });
    });
    await expect(readNir(bytes, 'other.h5')).rejects.toThrow(/other\.h5: not a NIR file \(no "node" group/);
  });

  it('refuses to write a graph that breaks the rules, listing every problem', async () => {
    const bad: NirGraph = {
      ...graph,
      nodes: { ...graph.nodes, lif: { ...(graph.nodes.lif as object), r: nirArray(1, [3]) } as never },
      edges: [...graph.edges, ['lif', 'nowhere']],
    };
    const err = await writeNir(bad).catch((e) => e);
    expect(err).toBeInstanceOf(NirFormatError);
    expect(err.message).toMatch(/node "lif" \(LIF\): r has shape \[3\] but tau has \[2\]/);
    expect(err.message).toMatch(/edge lif -> nowhere: no node named "nowhere"/);
  });
});

import { NirFormatError } from '../errors.js';
import type { NirArray, NirGraph, NirNode } from '../ir/graph.js';
import { checkGraph } from '../ir/validate.js';
import { type Group, hdf5Bytes } from './hdf5.js';

/**
 * The file-format version written to `/version`: the layout of nir 1.0's `nir.write` (nir 1.0.7),
 * which its `nir.read` and every NIR importer of that generation read.
 */
export const NIR_FORMAT_VERSION = '1.0.7';

// nir.write's layout: /version (a UTF-8 string), /node (the graph's group: type, nodes/<name>/...,
// edges as an [n, 2] array of UTF-8 strings, metadata when not empty). Arrays keep their dtype and are
// gzip-compressed (nir's default); integers (shapes, strides, dims) are 64-bit, as numpy writes them.

function writeArray(g: Group, name: string, a: NirArray): void {
  const dtype = a.data instanceof Float32Array ? '<f' : '<d';
  const chunked = a.shape.length > 0 && a.data.length > 0;
  g.create_dataset({
    name,
    data: a.data,
    shape: [...a.shape],
    dtype,
    ...(chunked ? { chunks: [...a.shape], compression: 'gzip' as const, compression_opts: 4 } : {}),
  });
}

function writeInts(g: Group, name: string, values: readonly number[], scalar = false): void {
  g.create_dataset({
    name,
    data: BigInt64Array.from(values, (v) => BigInt(v)),
    shape: scalar ? [] : [values.length],
    dtype: '<q',
  });
}

const writeText = (g: Group, name: string, text: string): void => {
  g.create_dataset({ name, data: text });
};

function writeMetadata(g: Group, meta: Readonly<Record<string, unknown>>, where: string): void {
  for (const [k, v] of Object.entries(meta)) {
    if (typeof v === 'string') writeText(g, k, v);
    else if (typeof v === 'number')
      g.create_dataset({ name: k, data: Float64Array.of(v), shape: [], dtype: '<d' });
    else if (typeof v === 'boolean') writeInts(g, k, [v ? 1 : 0], true);
    else if (Array.isArray(v) && v.every((x) => typeof x === 'number')) {
      g.create_dataset({ name: k, data: Float64Array.from(v), shape: [v.length], dtype: '<d' });
    } else if (Array.isArray(v) && v.every((x) => typeof x === 'string')) {
      g.create_dataset({ name: k, data: v as string[], shape: [v.length] });
    } else if (v && typeof v === 'object')
      writeMetadata(g.create_group(k), v as Record<string, unknown>, `${where}.${k}`);
    else
      throw new NirFormatError(
        `${where}.${k}: metadata values are strings, numbers, booleans, arrays of either, or objects`,
      );
  }
}

function writeNode(g: Group, node: NirNode): void {
  writeText(g, 'type', node.type);
  switch (node.type) {
    case 'Input':
    case 'Output':
      writeInts(g, 'shape', node.shape);
      return;
    case 'Conv2d':
      writeArray(g, 'weight', node.weight);
      writeArray(g, 'bias', node.bias);
      if (node.input_shape) writeInts(g, 'input_shape', node.input_shape);
      writeInts(g, 'stride', node.stride);
      if (typeof node.padding === 'string') writeText(g, 'padding', node.padding);
      else writeInts(g, 'padding', node.padding);
      writeInts(g, 'dilation', node.dilation);
      writeInts(g, 'groups', [node.groups], true);
      return;
    case 'SumPool2d':
    case 'AvgPool2d':
      writeInts(g, 'kernel_size', node.kernel_size);
      writeInts(g, 'stride', node.stride);
      writeInts(g, 'padding', node.padding);
      return;
    case 'Flatten':
      if (node.input_type) writeInts(g, 'input_type', node.input_type);
      writeInts(g, 'start_dim', [node.start_dim], true);
      writeInts(g, 'end_dim', [node.end_dim], true);
      return;
    case 'Conv1d':
      throw new NirFormatError('Conv1d nodes are read, not written, by this package');
    case 'NIRGraph':
      writeGraph(g, node);
      return;
    default:
      for (const [k, v] of Object.entries(node)) if (k !== 'type') writeArray(g, k, v as NirArray);
  }
}

function writeGraph(g: Group, graph: NirGraph): void {
  const nodes = g.create_group('nodes');
  for (const [name, node] of Object.entries(graph.nodes)) writeNode(nodes.create_group(name), node);
  g.create_dataset({
    name: 'edges',
    data: graph.edges.flat() as string[],
    shape: [graph.edges.length, 2],
  });
  if (Object.keys(graph.metadata).length)
    writeMetadata(g.create_group('metadata'), graph.metadata, 'metadata');
}

/**
 * The graph as NIR file bytes, in the layout `nir.write` produces (`nir.read` and the NIR importers
 * of snnTorch, Norse, Sinabs, Lava... read it). The graph is checked first as `nir.read` would.
 *
 * @param graph - The graph to write (checked first).
 * @returns The bytes of an HDF5 `.nir` file.
 * @example
 * ```ts
 * const model = new RecurrentSNN(784, 100, 10); // trained
 * await writeFile('model.nir', await writeNir(await toNir(model, { dt: 1e-3, inputShape: [784] })));
 * ```
 */
export async function writeNir(graph: NirGraph): Promise<Uint8Array> {
  checkGraph(graph, 'the graph to write');
  return hdf5Bytes((file) => {
    writeText(file, 'version', NIR_FORMAT_VERSION);
    writeNode(file.create_group('node'), graph);
  });
}

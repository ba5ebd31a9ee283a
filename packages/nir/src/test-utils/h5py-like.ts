import h5wasm, { type Group } from 'h5wasm';

/*
 * Writes NIR files the way the `nir` Python package does through h5py, straight from the
 * specification, without this package's writer: strings as variable-length UTF-8 (h5py's
 * string_dtype), numpy arrays with their dtype (float32 weights, float64 or float32 neuron
 * parameters, as snnTorch and Norse leave them), Python ints as int64 scalars, tuples as int64
 * arrays, edges as an [n, 2] string array, arrays gzip-compressed (nir.write's default).
 */

export type PyValue =
  | string
  | number // a Python int (int64 scalar)
  | { f32: number[]; shape: number[] }
  | { f64: number[]; shape: number[] }
  | { i64: number[] }
  | { str: string[]; shape: number[] } // a string array (a graph's edges, [n, 2])
  | { [key: string]: PyValue }; // a group: a nested NIRGraph's `nodes`, a node inside it

export interface PyNode {
  [key: string]: PyValue;
}

function put(g: Group, key: string, v: PyValue): void {
  if (typeof v === 'string') g.create_dataset({ name: key, data: v });
  else if (typeof v === 'number')
    g.create_dataset({ name: key, data: BigInt64Array.of(BigInt(v)), shape: [], dtype: '<q' });
  else if ('f32' in v || 'f64' in v) {
    const f32 = 'f32' in v;
    const values = (f32 ? v.f32 : v.f64) as number[];
    const data = f32 ? Float32Array.from(values) : Float64Array.from(values);
    const shape = v.shape as number[];
    g.create_dataset({
      name: key,
      data,
      shape,
      dtype: f32 ? '<f' : '<d',
      ...(shape.length ? { chunks: shape, compression: 'gzip' as const, compression_opts: 4 } : {}),
    });
  } else if ('i64' in v) {
    const list = v.i64 as number[];
    g.create_dataset({
      name: key,
      data: BigInt64Array.from(list, (x) => BigInt(x)),
      shape: [list.length],
      dtype: '<q',
    });
  } else if ('str' in v && Array.isArray(v.str)) {
    g.create_dataset({ name: key, data: v.str as string[], shape: v.shape as number[] });
  } else {
    const sub = g.create_group(key);
    for (const [k, x] of Object.entries(v)) put(sub, k, x);
  }
}

/** A NIR file: /version and /node = { type: NIRGraph, nodes, edges }. */
export async function pyNirFile(
  nodes: Record<string, PyNode>,
  edges: [string, string][],
  version = '1.0.7',
): Promise<Uint8Array> {
  const { FS } = (await h5wasm.ready) as unknown as {
    FS: { readFile(p: string): Uint8Array; unlink(p: string): void };
  };
  const path = `/py-like-${Math.random().toString(36).slice(2)}.nir`;
  const f = new h5wasm.File(path, 'w');
  f.create_dataset({ name: 'version', data: version });
  const node = f.create_group('node');
  node.create_dataset({ name: 'type', data: 'NIRGraph' });
  const ns = node.create_group('nodes');
  for (const [name, fields] of Object.entries(nodes)) {
    const g = ns.create_group(name);
    for (const [k, v] of Object.entries(fields)) put(g, k, v);
  }
  node.create_dataset({ name: 'edges', data: edges.flat(), shape: [edges.length, 2] });
  f.close();
  const bytes = new Uint8Array(FS.readFile(path));
  FS.unlink(path);
  return bytes;
}

/** A nested graph node as nir.write stores a NIRGraph inside another: type, nodes group, edges [n, 2]. */
export const subgraph = (nodes: Record<string, PyNode>, edges: [string, string][]): PyNode => ({
  type: 'NIRGraph',
  nodes,
  edges: { str: edges.flat(), shape: [edges.length, 2] },
});

export const f32 = (values: number[], shape: number[] = [values.length]) => ({ f32: values, shape });
export const f64 = (values: number[], shape: number[] = [values.length]) => ({ f64: values, shape });
export const fill = (n: number, v: number) => new Array<number>(n).fill(v);

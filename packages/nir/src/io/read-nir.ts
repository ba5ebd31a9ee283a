import { NirFormatError } from '../errors.js';
import type { IntList, NirArray, NirGraph, NirNode } from '../ir/graph.js';
import { NIR_NODE_TYPES, nirArray, sizeOf } from '../ir/graph.js';
import { checkGraph } from '../ir/validate.js';
import { type Dataset, type File, type Group, isDataset, isGroup, withHdf5Bytes } from './hdf5.js';

/** A dataset's content as read: text, a list of texts, or numbers with their shape. */
const LEAF = Symbol('dataset');

type Value = { readonly [LEAF]: true } & (
  | { readonly kind: 'text'; readonly text: string }
  | { readonly kind: 'texts'; readonly texts: readonly string[]; readonly shape: readonly number[] }
  | {
      readonly kind: 'numbers';
      readonly data: Float32Array | Float64Array;
      readonly shape: readonly number[];
      readonly integer: boolean;
    }
);

type Tree = { readonly [key: string]: Tree | Value };

const isValue = (v: Tree | Value): v is Value => LEAF in v;

function readValue(ds: Dataset, where: string): Value {
  const shape = ds.shape ?? [];
  const raw = ds.value;
  if (typeof raw === 'string') return { [LEAF]: true, kind: 'text', text: raw };
  if (Array.isArray(raw) && raw.every((s) => typeof s === 'string')) {
    return { [LEAF]: true, kind: 'texts', texts: raw as string[], shape };
  }
  const meta = ds.metadata;
  // type 0: integer, 1: float (HDF5 class codes); 64-bit integers come back as bigint.
  if (typeof raw === 'number' || typeof raw === 'bigint' || typeof raw === 'boolean') {
    return {
      [LEAF]: true,
      kind: 'numbers',
      data: Float64Array.of(Number(raw)),
      shape: [],
      integer: meta.type === 0,
    };
  }
  if (ArrayBuffer.isView(raw)) {
    const arr = raw as unknown as ArrayLike<number | bigint>;
    const data =
      raw instanceof Float32Array ? raw : Float64Array.from({ length: arr.length }, (_, i) => Number(arr[i]));
    return { [LEAF]: true, kind: 'numbers', data, shape, integer: meta.type === 0 };
  }
  throw new NirFormatError(
    `${where}: unsupported HDF5 dataset (class ${meta.type}, shape [${shape.join(', ')}])`,
  );
}

function readTree(group: Group, where: string): Tree {
  const out: Record<string, Tree | Value> = {};
  for (const key of group.keys()) {
    const entry = group.get(key);
    const path = `${where}/${key}`;
    if (isGroup(entry)) out[key] = readTree(entry, path);
    else if (isDataset(entry)) out[key] = readValue(entry, path);
    else throw new NirFormatError(`${path}: not a group or dataset (a link or named type)`);
  }
  return out;
}

/** The fields of one node group, with messages that name the file and the node. */
class Fields {
  constructor(
    private readonly tree: Tree,
    readonly where: string,
  ) {}

  has(key: string): boolean {
    return key in this.tree;
  }

  value(key: string): Value {
    const v = this.tree[key];
    if (v === undefined) throw new NirFormatError(`${this.where}: missing "${key}"`);
    if (!isValue(v)) throw new NirFormatError(`${this.where}: "${key}" is a group, expected a dataset`);
    return v;
  }

  text(key: string): string {
    const v = this.value(key);
    if (v.kind !== 'text') throw new NirFormatError(`${this.where}: "${key}" must be a string`);
    return v.text;
  }

  array(key: string): NirArray {
    const v = this.value(key);
    if (v.kind !== 'numbers')
      throw new NirFormatError(`${this.where}: "${key}" must be numeric, got ${v.kind}`);
    const data = v.integer ? Float64Array.from(v.data) : v.data;
    return { data, shape: [...v.shape] };
  }

  /** An array, or `fill` broadcast to `like`'s shape when the file leaves it out (v_reset, w_in). */
  arrayOr(key: string, fill: number, like: NirArray): NirArray {
    return this.has(key) ? this.array(key) : nirArray(fill, like.shape);
  }

  ints(key: string): IntList {
    const v = this.value(key);
    if (v.kind !== 'numbers' || !Array.from(v.data).every(Number.isInteger)) {
      throw new NirFormatError(`${this.where}: "${key}" must be integers`);
    }
    return Array.from(v.data);
  }

  int(key: string): number {
    const list = this.ints(key);
    if (list.length !== 1)
      throw new NirFormatError(`${this.where}: "${key}" must be one integer, got ${list.length}`);
    return list[0];
  }

  /** Integers or null when absent (Conv2d's input_shape, Flatten's input_type). */
  intsOrNull(key: string): IntList | null {
    return this.has(key) ? this.ints(key) : null;
  }

  /** Integers, one integer repeated to `n` (PyTorch's stride=1), or a string for `allowed` names. */
  pairOrText<S extends string>(key: string, n: number, allowed: readonly S[] = []): IntList | S {
    const v = this.value(key);
    if (v.kind === 'text') {
      if ((allowed as readonly string[]).includes(v.text)) return v.text as S;
      throw new NirFormatError(
        `${this.where}: "${key}" is "${v.text}" (expected integers${allowed.length ? ` or ${allowed.join('/')}` : ''})`,
      );
    }
    const list = this.ints(key);
    return list.length === 1 ? new Array(n).fill(list[0]) : list;
  }

  group(key: string): Tree {
    const v = this.tree[key];
    if (v === undefined || isValue(v)) throw new NirFormatError(`${this.where}: missing group "${key}"`);
    return v;
  }

  metadata(): Record<string, unknown> {
    const v = this.tree.metadata;
    return v === undefined || isValue(v) ? {} : plain(v);
  }
}

function plain(tree: Tree): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(tree)) {
    if (!isValue(v)) out[k] = plain(v);
    else if (v.kind === 'text') out[k] = v.text;
    else if (v.kind === 'texts') out[k] = [...v.texts];
    else out[k] = v.shape.length === 0 ? v.data[0] : Array.from(v.data);
  }
  return out;
}

function decodeNode(tree: Tree, where: string): NirNode {
  const f = new Fields(tree, where);
  const type = f.text('type');
  switch (type) {
    case 'Input':
    case 'Output':
      return { type, shape: f.ints('shape') };
    case 'Affine':
      return { type, weight: f.array('weight'), bias: f.array('bias') };
    case 'Linear':
      return { type, weight: f.array('weight') };
    case 'Conv2d':
      return {
        type,
        input_shape: f.intsOrNull('input_shape'),
        weight: f.array('weight'),
        bias: f.array('bias'),
        stride: f.pairOrText('stride', 2),
        padding: f.pairOrText('padding', 2, ['same', 'valid'] as const),
        dilation: f.pairOrText('dilation', 2),
        groups: f.int('groups'),
      } as NirNode;
    case 'SumPool2d':
    case 'AvgPool2d':
      return {
        type,
        kernel_size: f.pairOrText('kernel_size', 2) as IntList,
        stride: f.pairOrText('stride', 2) as IntList,
        padding: f.pairOrText('padding', 2) as IntList,
      };
    case 'Flatten':
      return {
        type,
        input_type: f.intsOrNull('input_type'),
        start_dim: f.int('start_dim'),
        end_dim: f.int('end_dim'),
      };
    case 'Scale':
      return { type, scale: f.array('scale') };
    case 'Threshold':
      return { type, threshold: f.array('threshold') };
    case 'Delay':
      return { type, delay: f.array('delay') };
    case 'LI':
      return { type, tau: f.array('tau'), r: f.array('r'), v_leak: f.array('v_leak') };
    case 'LIF': {
      const vTh = f.array('v_threshold');
      return {
        type,
        tau: f.array('tau'),
        r: f.array('r'),
        v_leak: f.array('v_leak'),
        v_threshold: vTh,
        v_reset: f.arrayOr('v_reset', 0, vTh),
      };
    }
    case 'CubaLI': {
      const vLeak = f.array('v_leak');
      return {
        type,
        tau_syn: f.array('tau_syn'),
        tau_mem: f.array('tau_mem'),
        r: f.array('r'),
        v_leak: vLeak,
        w_in: broadcastScalar(f.arrayOr('w_in', 1, vLeak), vLeak),
      };
    }
    case 'CubaLIF': {
      const vTh = f.array('v_threshold');
      return {
        type,
        tau_syn: f.array('tau_syn'),
        tau_mem: f.array('tau_mem'),
        r: f.array('r'),
        v_leak: f.array('v_leak'),
        v_threshold: vTh,
        v_reset: f.arrayOr('v_reset', 0, vTh),
        w_in: broadcastScalar(f.arrayOr('w_in', 1, vTh), vTh),
      };
    }
    case 'I':
    // NIR's primitive table names I "Integrator"; the nir package writes and reads it as "I" (its
    // class name), and so do we. A file naming the primitive by its table name holds the same node.
    case 'Integrator':
      return { type: 'I', r: f.array('r') };
    case 'IF': {
      const vTh = f.array('v_threshold');
      return { type, r: f.array('r'), v_threshold: vTh, v_reset: f.arrayOr('v_reset', 0, vTh) };
    }
    case 'Conv1d':
      return { type, fields: plain(tree) };
    case 'NIRGraph':
      return decodeGraph(f, where);
    default:
      throw new NirFormatError(
        `${where}: unknown node type "${type}" (NIR 1.0 defines ${NIR_NODE_TYPES.join(', ')})`,
      );
  }
}

/** nir's CubaLI/CubaLIF take a scalar w_in and broadcast it to the neurons (ones_like(v) * w_in). */
function broadcastScalar(a: NirArray, like: NirArray): NirArray {
  return sizeOf(a.shape) === 1 && sizeOf(like.shape) !== 1 ? nirArray(a.data[0], like.shape) : a;
}

function decodeGraph(f: Fields, where: string): NirGraph {
  const nodesTree = f.group('nodes');
  const nodes: Record<string, NirNode> = {};
  for (const [name, sub] of Object.entries(nodesTree)) {
    if (isValue(sub)) throw new NirFormatError(`${where}/nodes/${name}: a dataset, expected a node group`);
    nodes[name] = decodeNode(sub, `${where}/nodes/${name}`);
  }
  return { type: 'NIRGraph', nodes, edges: readEdges(f, where), metadata: f.metadata() };
}

function readEdges(f: Fields, where: string): [string, string][] {
  if (!f.has('edges')) throw new NirFormatError(`${where}: missing "edges"`);
  const v = f.value('edges');
  if (v.kind === 'texts') {
    if (v.texts.length % 2 !== 0 || (v.shape.length === 2 && v.shape[1] !== 2)) {
      throw new NirFormatError(`${where}/edges: expected pairs [n, 2], got shape [${v.shape.join(', ')}]`);
    }
    const out: [string, string][] = [];
    for (let k = 0; k < v.texts.length; k += 2) out.push([v.texts[k], v.texts[k + 1]]);
    return out;
  }
  if (v.kind === 'numbers' && v.data.length === 0) return [];
  throw new NirFormatError(`${where}/edges: expected an [n, 2] array of node names`);
}

/** What a NIR file holds: the graph and the version string it was written with. */
export interface NirFileContent {
  /** The graph, nodes and edges as plain objects. */
  readonly graph: NirGraph;
  /** The file's `version` attribute, as the nir package wrote it ('unknown' when absent). */
  readonly version: string;
}

function decodeFile(file: File, name: string): NirFileContent {
  const root = readTree(file, name);
  const version = root.version;
  const node = root.node;
  if (node === undefined || isValue(node)) {
    throw new NirFormatError(
      `${name}: not a NIR file (no "node" group at the root; found ${Object.keys(root).join(', ') || 'nothing'})`,
    );
  }
  const graph = decodeNode(node, `${name}:/node`);
  if (graph.type !== 'NIRGraph')
    throw new NirFormatError(`${name}:/node is a ${graph.type}, expected a NIRGraph`);
  checkGraph(graph, name);
  return {
    graph,
    version: version && isValue(version) && version.kind === 'text' ? version.text : 'unknown',
  };
}

/**
 * Reads a NIR file (HDF5 bytes, as `nir.write` makes them) into a graph, and checks it as `nir.read`
 * does: known node types, every field present with consistent shapes, every edge between existing
 * nodes, and matching shapes along every edge. `name` is used in messages (a file path).
 *
 * @param bytes - The file's bytes.
 * @param name - What to call the file in error messages (default `NIR bytes`).
 * @throws {@link NirFormatError} naming the file and every problem found.
 * @example
 * ```ts
 * const { graph, version } = await readNir(await readFile('model.nir'), 'model.nir');
 * ```
 */
export async function readNir(bytes: Uint8Array, name = 'NIR bytes'): Promise<NirFileContent> {
  if (bytes.length < 8 || !isHdf5(bytes)) {
    throw new NirFormatError(
      `${name}: not an HDF5 file (NIR files are HDF5; the signature \\x89HDF is missing)`,
    );
  }
  try {
    return await withHdf5Bytes(bytes, (file) => decodeFile(file, name));
  } catch (e) {
    if (e instanceof NirFormatError) throw e;
    throw new NirFormatError(`${name}: cannot read the HDF5 file: ${(e as Error).message}`);
  }
}

const SIGNATURE = [0x89, 0x48, 0x44, 0x46, 0x0d, 0x0a, 0x1a, 0x0a];
function isHdf5(bytes: Uint8Array): boolean {
  // The superblock may sit at 0, 512, 1024, 2048... (a user block before it).
  for (let at = 0; at + 8 <= bytes.length; at = at === 0 ? 512 : at * 2) {
    if (SIGNATURE.every((b, i) => bytes[at + i] === b)) return true;
  }
  return false;
}

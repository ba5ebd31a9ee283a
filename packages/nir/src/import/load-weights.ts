import { tensor } from '@snn/core';
import { Module, type Parameter } from '@snn/modules';
import { NirConversionError } from '../errors.js';
import type { ArraySource } from '../export/builder.js';
import { buildNir, type NirNetwork } from '../export/to-nir.js';
import type { IntList, NirArray, NirGraph, NirNode } from '../ir/graph.js';
import { checkGraph } from '../ir/validate.js';

/** Options of {@link loadNirWeights}. */
export interface LoadNirWeightsOptions {
  /** The shape of one sample at one time step, without batch, as for `toNir`. */
  readonly inputShape: IntList;
  /**
   * The time step the file was written for, in seconds. Default: the graph's `snn.dt` metadata (what
   * our `toNir` writes); files from elsewhere need it (snnTorch exports with 1e-4, Norse with 1e-3).
   */
  readonly dt?: number;
  /** The file's name (or another label) for error messages. */
  readonly name?: string;
}

/** What {@link loadNirWeights} did. */
export interface LoadNirWeightsResult {
  /** How many of the network's parameters (and buffers) took the graph's values. */
  readonly loaded: number;
  /** The graph's node names paired with ours, file -> network. */
  readonly pairs: ReadonlyMap<string, string>;
}

type Slot = Parameter;
const isArray = (v: unknown): v is NirArray =>
  typeof v === 'object' && v !== null && 'data' in v && 'shape' in v && ArrayBuffer.isView(v.data);
const fmt = (s: readonly number[]) => `[${s.join(', ')}]`;

/** "fc1: Affine weight [10, 784] bias [10]": a node's type and its arrays' shapes. */
function describe(name: string, node: NirNode): string {
  if (node.type === 'NIRGraph') return `${name}: NIRGraph of ${Object.keys(node.nodes).length} nodes`;
  if (node.type === 'Input' || node.type === 'Output') return `${name}: ${node.type} ${fmt(node.shape)}`;
  const arrays = Object.entries(node)
    .filter(([, v]) => isArray(v))
    .map(([k, v]) => `${k} ${fmt((v as NirArray).shape)}`);
  return `${name}: ${[node.type, ...arrays].join(' ')}`;
}

/**
 * The nodes in a canonical order that does not depend on their names: depth first from the Input
 * nodes, following the edges in the order the graph lists them, then any node not reached.
 */
function canonicalOrder(graph: NirGraph): string[] {
  const next = new Map<string, string[]>();
  for (const [a, b] of graph.edges) next.set(a, [...(next.get(a) ?? []), b]);
  const seen = new Set<string>();
  const order: string[] = [];
  const visit = (n: string) => {
    if (seen.has(n) || !(n in graph.nodes)) return;
    seen.add(n);
    order.push(n);
    for (const m of next.get(n) ?? []) visit(m);
  };
  for (const [n, node] of Object.entries(graph.nodes)) if (node.type === 'Input') visit(n);
  for (const n of Object.keys(graph.nodes)) visit(n);
  return order;
}

/** Pairs file nodes with ours: by name when both graphs use the same names, else by canonical order. */
function pairNodes(file: NirGraph, ours: NirGraph): Map<string, string> | null {
  const a = Object.keys(file.nodes);
  const b = Object.keys(ours.nodes);
  if (a.length !== b.length) return null;
  if (a.every((n) => n in ours.nodes)) return new Map(a.map((n) => [n, n]));
  const fa = canonicalOrder(file);
  const fb = canonicalOrder(ours);
  return new Map(fa.map((n, i) => [n, fb[i]]));
}

/** The network's parameters and buffers by the tensor they hold now. */
function slotsOf(network: NirNetwork): Map<unknown, Slot> {
  const modules = (Array.isArray(network) ? network : [network])
    .map((e) => (Array.isArray(e) ? e[1] : e))
    .filter((m): m is Module => m instanceof Module);
  const slots = new Map<unknown, Slot>();
  for (const m of modules) {
    for (const [, p] of [...m.namedParameters(), ...m.namedBuffers()]) slots.set(p.value, p);
  }
  return slots;
}

/** Equal as the float32 values a cell computes with (the file may hold float64 conversions). */
function sameValues(a: NirArray, b: NirArray): boolean {
  for (let k = 0; k < a.data.length; k++) {
    const x = a.data[k];
    const y = b.data[k];
    if (x !== y && Math.abs(x - y) > 1e-6 * Math.max(Math.abs(x), Math.abs(y))) return false;
  }
  return true;
}

/**
 * Loads a NIR graph's weights and neuron parameters into an existing network of the same structure
 * (snnTorch's `import_from_nir` into a model you built, or PyTorch's `load_state_dict` from a NIR
 * file), to evaluate it or keep training it with the network's own code. `network` is what
 * {@link toNir} takes; the graph must be the one `toNir(network, { dt, inputShape })` writes up to
 * the values: the same node types, array shapes and edges (nodes are paired by name, or by their
 * order from the Input when the names differ). Every array that holds one of the network's tensors
 * (weights as they are; neuron parameters such as Norse's tau_mem_inv through the inverse of their
 * conversion) is loaded into it; every other value (a fixed time constant, a threshold held as a
 * number) must equal the network's, since the network cannot take it. Anything else throws a
 * NirConversionError that lists each difference, naming both sides' nodes and shapes.
 *
 * @param network - The network the file was exported from, built again (a module or its pieces, as for `toNir`).
 * @param graph - The NIR graph read from the file.
 * @param options - inputShape (required, as for `toNir`); dt: the time step in s the file was written for
 *   (default: the graph's `snn.dt` metadata); name: the file's label for messages.
 * @example
 * ```ts
 * const model = new RecurrentSNN(784, 100, 10); // the network the file was exported from, built again
 * const { graph } = await readNir(await readFile('model.nir'), 'model.nir');
 * const { loaded } = await loadNirWeights(model, graph, { inputShape: [784] }); // dt from snn.dt
 * ```
 */
export async function loadNirWeights(
  network: NirNetwork,
  graph: NirGraph,
  options: LoadNirWeightsOptions,
): Promise<LoadNirWeightsResult> {
  const where = options.name ?? 'the NIR graph';
  const meta = graph.metadata['snn.dt'];
  const dt = options.dt ?? (typeof meta === 'number' ? meta : undefined);
  if (dt === undefined) {
    throw new NirConversionError(
      `${where}: give the time step the file was written for, { dt } in seconds (it has no snn.dt metadata; snnTorch exports with 1e-4, Norse with 1e-3)`,
    );
  }
  checkGraph(graph, where);
  const { graph: ours, builder } = await buildNir(network, { dt, inputShape: options.inputShape });
  const listing = (g: NirGraph) =>
    canonicalOrder(g)
      .map((n) => describe(n, g.nodes[n]))
      .join('; ');
  const mismatch = (problems: string[]) =>
    new NirConversionError(
      `${where} does not fit the network:\n  ${problems.join('\n  ')}\n  the file: ${listing(graph)}\n  the network: ${listing(ours)}`,
    );

  const pairs = pairNodes(graph, ours);
  if (!pairs) {
    throw mismatch([
      `the file has ${Object.keys(graph.nodes).length} nodes, the network ${Object.keys(ours.nodes).length}`,
    ]);
  }
  const problems: string[] = [];
  const loads: { node: string; field: string; from: NirArray; ours: NirArray; to: ArraySource }[] = [];
  for (const [fileName, ourName] of pairs) {
    const theirs = graph.nodes[fileName];
    const mine = ours.nodes[ourName];
    const label = fileName === ourName ? `node ${fileName}` : `node ${fileName} (our ${ourName})`;
    if (theirs.type !== mine.type) {
      problems.push(
        `${label}: the file has ${describe(fileName, theirs)}, the network ${describe(ourName, mine)}`,
      );
      continue;
    }
    for (const [field, value] of Object.entries(mine)) {
      if (field === 'type') continue;
      const other = (theirs as unknown as Record<string, unknown>)[field];
      if (isArray(value)) {
        if (!isArray(other) || fmt(other.shape) !== fmt(value.shape)) {
          problems.push(
            `${label} (${mine.type}) ${field}: the file has ${isArray(other) ? fmt(other.shape) : String(other)}, the network ${fmt(value.shape)}`,
          );
          continue;
        }
        const source = builder.sources.get(value);
        if (source) loads.push({ node: label, field, from: other, ours: value, to: source });
        else if (!sameValues(other, value)) {
          problems.push(
            `${label} (${mine.type}) ${field}: the file's values differ from the network's, which holds them fixed (file ${preview(other)}, network ${preview(value)})`,
          );
        }
      } else if (JSON.stringify(other) !== JSON.stringify(value)) {
        problems.push(
          `${label} (${mine.type}) ${field}: the file has ${JSON.stringify(other)}, the network ${JSON.stringify(value)}`,
        );
      }
    }
  }
  const edgeKey = (e: readonly [string, string]) => `${e[0]} -> ${e[1]}`;
  const theirEdges = graph.edges.map(([a, b]) => edgeKey([pairs.get(a) ?? a, pairs.get(b) ?? b])).sort();
  const ourEdges = ours.edges.map(edgeKey).sort();
  if (theirEdges.join('\n') !== ourEdges.join('\n')) {
    problems.push(
      `edges: the file's (as our names) ${theirEdges.join(', ')}; the network's ${ourEdges.join(', ')}`,
    );
  }

  // Every tensor's new values, element by element, from each array that holds it (all must agree).
  const slots = slotsOf(network);
  const values = new Map<Slot, { data: Float32Array; set: Uint8Array }>();
  for (const { node, field, from, ours: mine, to } of loads) {
    const slot = slots.get(to.tensor);
    if (!slot) {
      // a tensor the module computes (not a parameter it holds): the file must agree with it
      if (!sameValues(from, mine)) {
        problems.push(
          `${node} ${field}: the file's values differ from the network's, which computes them (file ${preview(from)}, network ${preview(mine)})`,
        );
      }
      continue;
    }
    let v = values.get(slot);
    if (!v) {
      v = {
        data: Float32Array.from((await slot.value.data()) as Float32Array),
        set: new Uint8Array(slot.value.size),
      };
      values.set(slot, v);
    }
    for (let k = 0; k < from.data.length; k++) {
      if (to.skip?.(k)) continue;
      const i = to.index(k);
      const x = Math.fround(to.inverse(from.data[k]));
      if (v.set[i] && v.data[i] !== x) {
        problems.push(
          `${node} ${field}: element ${k} gives ${x} for a value that another element or node gives as ${v.data[i]} (the network holds one value for both)`,
        );
        break;
      }
      v.data[i] = x;
      v.set[i] = 1;
    }
  }
  if (problems.length) throw mismatch(problems);
  for (const [slot, v] of values) slot.assign(tensor(v.data, slot.shape));
  return { loaded: values.size, pairs };
}

function preview(a: NirArray): string {
  const head = Array.from(a.data.slice(0, 3), (x) => Number(x.toPrecision(6)));
  return `${fmt(head)}${a.data.length > 3 ? '...' : ''}`;
}

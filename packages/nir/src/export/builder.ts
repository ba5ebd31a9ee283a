import type { Tensor } from '@snn/core';
import { NirConversionError } from '../errors.js';
import type { IntList, NirArray, NirGraph, NirNode } from '../ir/graph.js';
import { sizeOf } from '../ir/graph.js';

/** Where the signal stands after a piece: the node that produces it, its per-sample shape, and
 * whether it is made of spikes (exactly 0 or 1), which some conversions need (max pooling, relu). */
export interface Cursor {
  /** The node whose output the next piece takes. */
  readonly tail: string;
  /** That output's per-sample shape. */
  readonly shape: IntList;
  /** Whether that output is spikes (exactly 0 or 1). */
  readonly spikes: boolean;
}

/** A neuron parameter as our cells hold it: a number, or a tensor (per neuron, learnable). */
export type ParamValue = number | Tensor;

/**
 * Where the values of one written array came from: a tensor of the network, element `k` of the array
 * being `f(source[index(k)])`, and `inverse` the way back (`loadNirWeights` reads a file through it).
 * Elements for which `skip(k)` holds are not the tensor's (a masked diagonal written as 0).
 */
export interface ArraySource {
  readonly tensor: Tensor;
  readonly index: (k: number) => number;
  readonly inverse: (y: number) => number;
  skip?: (k: number) => boolean;
}

const identity = (x: number): number => x;

/** Collects nodes and edges with unique names; converters add their nodes through it. */
export class GraphBuilder {
  readonly nodes: Record<string, NirNode> = {};
  readonly edges: [string, string][] = [];
  /** The written arrays that hold a tensor's values (weights as they are, neuron parameters converted). */
  readonly sources = new Map<NirArray, ArraySource>();

  constructor(readonly dt: number) {}

  /** Adds `node` under `name` (made unique with _2, _3...) and returns the name used. */
  add(name: string, node: NirNode): string {
    const base = name.replace(/\./g, '_') || node.type.toLowerCase();
    let n = base;
    for (let k = 2; n in this.nodes; k++) n = `${base}_${k}`;
    this.nodes[n] = node;
    return n;
  }

  edge(from: string, to: string): void {
    this.edges.push([from, to]);
  }

  /** Adds `node` fed by the cursor's tail; returns the new tail's name. */
  chain(cur: Cursor, name: string, node: NirNode): string {
    const n = this.add(name, node);
    this.edge(cur.tail, n);
    return n;
  }

  graph(metadata: Record<string, unknown>): NirGraph {
    return { type: 'NIRGraph', nodes: this.nodes, edges: this.edges, metadata };
  }

  /** A float32 copy of a weight tensor, read from its backend. */
  async weight(t: Tensor): Promise<NirArray> {
    const arr = { data: Float32Array.from((await t.data()) as Float32Array), shape: [...t.shape] };
    this.sources.set(arr, { tensor: t, index: identity, inverse: identity });
    return arr;
  }

  /**
   * A neuron parameter broadcast to the layer's shape (NIR wants one value per neuron), mapped by `f`
   * in double precision (tau = 1/tauMemInv...) and written as float64, so that the inverse mapping on
   * import rounds back to the very float32 value the cell used. `inverse` undoes `f` (the identity
   * when `f` is left out); without it a tensor's converted values cannot be read back into it.
   */
  async param(
    p: ParamValue,
    shape: IntList,
    where: string,
    f: (x: number) => number = identity,
    inverse: ((y: number) => number) | undefined = f === identity ? identity : undefined,
  ): Promise<NirArray> {
    const size = sizeOf(shape);
    const out = new Float64Array(size);
    const arr = { data: out, shape: [...shape] };
    if (typeof p === 'number') out.fill(f(p));
    else {
      const values = (await p.data()) as Float32Array;
      const idx = broadcastIndex(p.shape, shape, where);
      for (let k = 0; k < size; k++) out[k] = f(values[idx(k)]);
      if (inverse) this.sources.set(arr, { tensor: p, index: idx, inverse });
    }
    return arr;
  }
}

/** Maps an element index of `to` to the index of the numpy-broadcast element of `from`. */
function broadcastIndex(from: IntList, to: IntList, where: string): (k: number) => number {
  if (from.length > to.length || from.some((d, i) => d !== 1 && d !== to[to.length - from.length + i])) {
    throw new NirConversionError(
      `${where}: a parameter of shape [${from.join(', ')}] does not broadcast to the layer's [${to.join(', ')}]`,
    );
  }
  const lead = to.length - from.length;
  return (k) => {
    let rest = k;
    let index = 0;
    let stride = 1;
    for (let d = to.length - 1; d >= lead; d--) {
      const coord = rest % to[d];
      rest = Math.floor(rest / to[d]);
      const fd = from[d - lead];
      if (fd !== 1) index += coord * stride;
      stride *= fd;
    }
    return index;
  };
}

/** The smallest float32 above `x` (the inverse of {@link float32Below} on float32 values). */
export function float32Above(x: number): number {
  const f = Math.fround(x);
  const buf = new Float32Array([f]);
  const bits = new Int32Array(buf.buffer);
  if (f === 0) return 1.401298464324817e-45;
  bits[0] += f > 0 ? 1 : -1;
  return buf[0];
}

/**
 * The largest float32 below `x`: `v >= x` and `v > below(x)` agree for every float32 v. Used to write
 * a `>=` threshold as NIR's strict `>` one.
 *
 * @param x - Any number.
 * @example
 * ```ts
 * float32Below(1); // 0.99999994 (1 - 2^-24)
 * // v >= 1 and v > float32Below(1) agree for every float32 v
 * ```
 */
export function float32Below(x: number): number {
  const f = Math.fround(x);
  const buf = new Float32Array([f]);
  const bits = new Int32Array(buf.buffer);
  if (f === 0) return -1.401298464324817e-45;
  bits[0] += f > 0 ? -1 : 1;
  return buf[0];
}

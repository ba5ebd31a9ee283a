import { add, reshape, ShapeError, type SpikeMethod, stack, type Tensor, unstack, zeros } from '@snn/core';
import { Module } from '@snn/modules';
import { NirConversionError } from '../errors.js';
import type { IntList, NirGraph } from '../ir/graph.js';
import { checkGraph, nodeOutputTypes } from '../ir/validate.js';
import { flattenGraph } from './flatten-graph.js';
import { matchPattern } from './patterns.js';
import { type Component, edgeKey, schedule } from './schedule.js';
import { isStateful, type Unit } from './unit.js';
import { nodeUnit } from './units.js';

/** Options of {@link fromNir}. */
export interface FromNirOptions {
  /**
   * The time step the file's time constants were written for, in seconds (NIR files do not store
   * it: snnTorch exports with 1e-4, Norse with 1e-3). Default: the `snn.dt` entry of the graph's
   * metadata, which `toNir` writes.
   */
  readonly dt?: number;
  /** Spike function of every spiking unit (default: each cell's library default; Threshold: atan). */
  readonly surrogate?: SpikeMethod;
}

/** Options of {@link NirModel.run}. */
export interface RunOptions {
  /** NIR node names whose membrane (state) to return at every step, [T, batch, ...]. */
  readonly record?: readonly string[];
}

/** What {@link NirModel.run} returns. */
export interface RunResult {
  /** Each Output node's value at every step, [T, batch, ...shape]. */
  readonly outputs: Readonly<Record<string, Tensor>>;
  /** The membrane of each node named in `record`, at every step, [T, batch, ...shape]. */
  readonly records: Readonly<Record<string, Tensor>>;
}

const sanitize = (id: string): string => id.replace(/\./g, '_') || 'node';

/**
 * A NIR graph as a runnable, trainable model: each node (or group of nodes recognised as one of our
 * cells) runs as an @snn/modules module, registered under the node's name, so `parameters()`,
 * `stateDict()`, optimizers and `fit` work as for any model. `forward(x)` takes the input at every
 * time step, [T, batch, ...inputShape], starts every neuron from its initial state, and returns the
 * Output node's values [T, batch, ...outputShape].
 *
 * @param graph - The NIR graph to run.
 * @param options - dt: the time step in s the file's time constants were written for (default: the
 *   graph's `snn.dt` metadata; snnTorch exports with 1e-4, Norse with 1e-3), and the rest of {@link FromNirOptions}.
 * @example
 * ```ts
 * const { graph } = await readNir(await readFile('from-snntorch.nir'), 'from-snntorch.nir');
 * const x = zeros([100, 1, 784]); // 100 steps of one 784-pixel input
 * const model = fromNir(graph, { dt: 1e-4 }); // snnTorch's export time step
 * const y = model.forward(x); // x [T, batch, ...inputShape] -> [T, batch, ...outputShape]
 * const { records } = model.run({ [model.inputs[0]]: x }, { record: ['lif1'] }); // membranes too
 * ```
 */
export class NirModel extends Module {
  /** The time step in seconds the graph's time constants are read with. */
  readonly dt: number;
  /** The names of the graph's Input nodes. */
  readonly inputs: readonly string[];
  /** The names of the graph's Output nodes. */
  readonly outputs: readonly string[];
  /** What each unit runs as, by its NIR node name (for reports: `{ l1: 'LIFRecurrentCell (...)' }`). */
  readonly kinds: Readonly<Record<string, string>>;
  private readonly units = new Map<string, Unit>();
  private readonly unitOf = new Map<string, Unit>();
  private readonly producers = new Map<string, string[]>();
  private readonly components: Component[];

  constructor(graph: NirGraph, options: FromNirOptions = {}) {
    super();
    const dt =
      options.dt ??
      (typeof graph.metadata['snn.dt'] === 'number' ? (graph.metadata['snn.dt'] as number) : undefined);
    if (dt === undefined || !(dt > 0)) {
      throw new NirConversionError(
        `fromNir: give the time step the file was written for, { dt } in seconds (NIR files do not store it; snnTorch exports with 1e-4, Norse with 1e-3)${dt === undefined ? '' : `; got ${dt}`}`,
      );
    }
    this.dt = dt;
    checkGraph(graph, 'the NIR graph');
    const flat = flattenGraph(graph);
    const g = { type: 'NIRGraph' as const, nodes: flat.nodes, edges: flat.edges, metadata: {} };
    this.inputs = Object.keys(graph.nodes).filter((n) => graph.nodes[n].type === 'Input');
    this.outputs = Object.keys(graph.nodes).filter((n) => graph.nodes[n].type === 'Output');
    if (this.inputs.length === 0 || this.outputs.length === 0) {
      throw new NirConversionError(
        `fromNir: the graph needs an Input and an Output node (it has ${this.inputs.length} and ${this.outputs.length})`,
      );
    }
    const types = nodeOutputTypes(g);
    const inputShape = (n: string): IntList | null => {
      const [p] = flat.edges.filter(([, b]) => b === n).map(([a]) => a);
      return p === undefined ? null : (types.get(p) ?? null);
    };
    for (const name of traversal(flat.nodes, flat.edges, this.inputs)) {
      if (this.unitOf.has(name)) continue;
      const unit =
        matchPattern(flat, name, {
          dt,
          surrogate: options.surrogate,
          spikes: (n) => this.unitOf.get(n)?.spikes ?? false,
          inputShape,
        }) ?? nodeUnit(name, flat.nodes[name], inputShape(name), { dt, surrogate: options.surrogate });
      if (unit.kind.startsWith('Flatten'))
        (unit as { spikes: boolean }).spikes = this.spikesInto(name, flat.edges);
      this.units.set(unit.id, unit);
      for (const n of unit.covers) this.unitOf.set(n, unit);
      if (unit.module) this.registerModule(sanitize(unit.id), unit.module);
    }
    const unitEdges: [string, string][] = [];
    for (const [a, b] of flat.edges) {
      const from = this.unitOf.get(a);
      const to = this.unitOf.get(b);
      if (!from || !to)
        throw new NirConversionError(
          `fromNir: node "${from ? b : a}" is not reachable from the graph's Input`,
        );
      if (from === to) continue;
      if (a !== from.id || b !== to.entry) {
        throw new NirConversionError(
          `fromNir: edge ${a} -> ${b} enters or leaves the middle of ${from === to ? from.kind : `${from.kind} / ${to.kind}`}`,
        );
      }
      unitEdges.push([from.id, to.id]);
    }
    for (const id of this.units.keys())
      this.producers.set(
        id,
        unitEdges.filter(([, b]) => b === id).map(([a]) => a),
      );
    this.edgeList = unitEdges;
    this.components = schedule([...this.units.keys()], unitEdges);
    this.kinds = Object.fromEntries([...this.units.values()].map((u) => [u.id, u.kind]));
  }

  private edgeList: [string, string][] = [];

  private spikesInto(name: string, edges: [string, string][]): boolean {
    const src = edges.filter(([, b]) => b === name).map(([a]) => a);
    return src.length > 0 && src.every((s) => this.unitOf.get(s)?.spikes);
  }

  /** The unit that produces node `name`'s output (or contains it). */
  unit(name: string): Unit | undefined {
    return this.unitOf.get(name);
  }

  /** The single Input's values [T, batch, ...inputShape] -> the single Output's [T, batch, ...outputShape]. */
  forward(x: Tensor): Tensor {
    if (this.inputs.length !== 1 || this.outputs.length !== 1) {
      throw new NirConversionError(
        `NirModel.forward takes one input and returns one output; this graph has inputs ${this.inputs.join(', ')} and outputs ${this.outputs.join(', ')}: use run()`,
      );
    }
    return this.run({ [this.inputs[0]]: x }).outputs[this.outputs[0]];
  }

  /** Runs the graph on named inputs, each [T, batch, ...shape]; optionally records membranes. */
  run(inputs: Readonly<Record<string, Tensor>>, options: RunOptions = {}): RunResult {
    const seq = new Map<string, Tensor>();
    const first = inputs[this.inputs[0]];
    if (!first || first.rank < 2) {
      throw new ShapeError(
        `NirModel: input "${this.inputs[0]}" must be [T, batch, ...], got ${first ? `[${first.shape.join(', ')}]` : 'nothing'}`,
      );
    }
    const [steps, batch] = first.shape;
    const record = new Set(options.record ?? []);
    const records: Record<string, Tensor> = {};
    for (const name of record) {
      if (!this.unitOf.get(name)?.membrane)
        throw new NirConversionError(`NirModel.run: node "${name}" has no membrane to record`);
    }
    for (const comp of this.components) {
      if (!comp.cyclic) {
        const id = comp.units[0];
        const u = this.units.get(id)!;
        const x = this.inputOf(id, inputs, seq, steps, batch);
        seq.set(id, this.runSequence(u, x, steps, batch, record, records));
      } else this.runCycle(comp, inputs, seq, steps, batch, record, records);
    }
    return { outputs: Object.fromEntries(this.outputs.map((o) => [o, seq.get(o)!])), records };
  }

  private inputOf(
    id: string,
    inputs: Readonly<Record<string, Tensor>>,
    seq: Map<string, Tensor>,
    steps: number,
    batch: number,
  ): Tensor {
    if (this.inputs.includes(id)) {
      const x = inputs[id];
      const u = this.units.get(id)!;
      const want = [steps, batch, ...u.outputShape];
      if (!x || x.shape.length !== want.length || x.shape.some((d, k) => d !== want[k])) {
        throw new ShapeError(
          `NirModel: input "${id}" must be [T, batch, ${u.outputShape.join(', ')}] = [${want.join(', ')}], got ${x ? `[${x.shape.join(', ')}]` : 'nothing'}`,
        );
      }
      return x;
    }
    const srcs = this.producers.get(id)!;
    return srcs.map((s) => seq.get(s)!).reduce((a, b) => add(a, b));
  }

  private runSequence(
    u: Unit,
    x: Tensor,
    steps: number,
    batch: number,
    record: Set<string>,
    records: Record<string, Tensor>,
  ): Tensor {
    if (!isStateful(u)) {
      const y = u.apply!(reshape(x, [steps * batch, ...x.shape.slice(2)]));
      return reshape(y, [steps, batch, ...y.shape.slice(1)]);
    }
    let state: unknown = null;
    const ys: Tensor[] = [];
    const mems: Tensor[] = [];
    const keep = u.covers.some((n) => record.has(n));
    for (const xt of unstack(x, 0)) {
      const [y, s] = u.step!(xt, state);
      state = s;
      ys.push(y);
      if (keep) mems.push(u.membrane!(s));
    }
    if (keep) for (const n of u.covers) if (record.has(n)) records[n] = stack(mems, 0);
    return stack(ys, 0);
  }

  private runCycle(
    comp: Component,
    inputs: Readonly<Record<string, Tensor>>,
    seq: Map<string, Tensor>,
    steps: number,
    batch: number,
    record: Set<string>,
    records: Record<string, Tensor>,
  ): void {
    const members = new Set(comp.units);
    const external = new Map<string, Tensor[]>();
    for (const id of comp.units) {
      const outside = this.producers.get(id)!.filter((p) => !members.has(p));
      if (outside.length)
        external.set(
          id,
          unstack(
            outside.map((p) => seq.get(p)!).reduce((a, b) => add(a, b)),
            0,
          ),
        );
      if (this.inputs.includes(id)) external.set(id, unstack(this.inputOf(id, inputs, seq, steps, batch), 0));
    }
    let prev = this.initialValues(comp, batch);
    const states = new Map<string, unknown>();
    const outs = new Map<string, Tensor[]>(comp.units.map((id) => [id, []]));
    const mems = new Map<string, Tensor[]>(comp.units.map((id) => [id, []]));
    for (let t = 0; t < steps; t++) {
      const cur = new Map<string, Tensor>();
      for (const id of comp.units) {
        const u = this.units.get(id)!;
        const parts: Tensor[] = [];
        const ext = external.get(id);
        if (ext) parts.push(ext[t]);
        for (const p of this.producers.get(id)!) {
          if (!members.has(p)) continue;
          parts.push(comp.backEdges.has(edgeKey(p, id)) ? prev.get(p)! : cur.get(p)!);
        }
        const x = parts.reduce((a, b) => add(a, b));
        if (isStateful(u)) {
          const [y, s] = u.step!(x, states.get(id) ?? null);
          states.set(id, s);
          cur.set(id, y);
          if (u.covers.some((n) => record.has(n))) mems.get(id)!.push(u.membrane!(s));
        } else cur.set(id, u.apply!(x));
        outs.get(id)!.push(cur.get(id)!);
      }
      prev = cur;
    }
    for (const id of comp.units) {
      seq.set(id, stack(outs.get(id)!, 0));
      const u = this.units.get(id)!;
      for (const n of u.covers) if (record.has(n)) records[n] = stack(mems.get(id)!, 0);
    }
  }

  /**
   * What each unit of a cycle "output" before the first step: neurons nothing (zeros), stateless
   * units their function of that (an Affine its bias), so the first step's recurrent input is the
   * weights applied to no spikes, as in snnTorch's RLeaky.
   */
  private initialValues(comp: Component, batch: number): Map<string, Tensor> {
    const members = new Set(comp.units);
    const values = new Map<string, Tensor>();
    const visiting = new Set<string>();
    const value = (id: string): Tensor => {
      const known = values.get(id);
      if (known) return known;
      const u = this.units.get(id)!;
      let v: Tensor;
      if (isStateful(u) || this.inputs.includes(id)) v = zeros([batch, ...u.outputShape]);
      else {
        if (visiting.has(id)) {
          throw new NirConversionError(
            `fromNir: a cycle through ${[...visiting].join(', ')} has no neuron: nothing holds a state across the time step`,
          );
        }
        visiting.add(id);
        const parts = this.producers
          .get(id)!
          .filter((p) => members.has(p))
          .map(value);
        const x = parts.length
          ? parts.reduce((a, b) => add(a, b))
          : zeros([batch, ...(this.inputShapeOf(id) ?? u.outputShape)]);
        v = u.apply!(x);
        visiting.delete(id);
      }
      values.set(id, v);
      return v;
    };
    for (const id of comp.units) value(id);
    return values;
  }

  private inputShapeOf(id: string): IntList | null {
    const [p] = this.producers.get(id) ?? [];
    return p ? this.units.get(p)!.outputShape : null;
  }

  /** NIR edges between units, for inspection. */
  get unitEdges(): readonly (readonly [string, string])[] {
    return this.edgeList;
  }
}

/** Node names in depth-first order from the inputs: producers before consumers, cycles entered once. */
function traversal(
  nodes: Record<string, unknown>,
  edges: [string, string][],
  inputs: readonly string[],
): string[] {
  const succ = new Map<string, string[]>();
  const remaining = new Map<string, number>(Object.keys(nodes).map((n) => [n, 0]));
  for (const [a, b] of edges) {
    succ.set(a, [...(succ.get(a) ?? []), b]);
    remaining.set(b, (remaining.get(b) ?? 0) + 1);
  }
  // Kahn's order, breaking cycles at the first node waiting on one (its entry).
  const order: string[] = [];
  const seen = new Set<string>();
  const ready = [...inputs];
  while (order.length < Object.keys(nodes).length) {
    // Blocked by a cycle: enter it at a node some visited node feeds.
    const next = ready.shift() ?? edges.find(([a, b]) => seen.has(a) && !seen.has(b))?.[1];
    if (next === undefined) break;
    if (seen.has(next)) continue;
    seen.add(next);
    order.push(next);
    for (const s of succ.get(next) ?? []) {
      remaining.set(s, remaining.get(s)! - 1);
      if (remaining.get(s)! <= 0 && !seen.has(s)) ready.push(s);
    }
  }
  return order;
}

/**
 * Builds the runnable model of a NIR graph (see NirModel).
 *
 * @param graph - A checked graph, e.g. from {@link readNir}.
 * @param options - `dt` in seconds (default: the graph's `snn.dt` metadata; required without it) and
 *   the surrogate spike function.
 * @throws {@link NirConversionError} when no `dt` is known or a node cannot run.
 * @example
 * ```ts
 * const { graph } = await readNir(await readFile('from-snntorch.nir'), 'from-snntorch.nir');
 * const model = fromNir(graph, { dt: 1e-4 });
 * ```
 */
export function fromNir(graph: NirGraph, options: FromNirOptions = {}): NirModel {
  return new NirModel(graph, options);
}

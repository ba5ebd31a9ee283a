import type { Tensor } from '@snn/core';
import { Module } from '@snn/modules';
import type { ExportContext } from '../convert/stage.js';
import { OnnxExportError } from '../errors.js';
import type { GraphBuilder, Value } from '../graph/graph-builder.js';

/**
 * Tensors of the exported modules, read to the host once before the graph is built (so backends
 * that only read asynchronously, WebGPU, export too), and written as initializers named by their
 * state-dict keys.
 */
export class TensorTable implements ExportContext {
  private readonly keys = new Map<Tensor, string>();
  private readonly host = new Map<Tensor, Float32Array>();
  private readonly written = new Map<Tensor, Value>();
  private readonly names = new Map<string, Tensor>();
  private graph: GraphBuilder | null = null;

  /**
   * Reads every parameter and buffer of the network's modules (and their descendants). Names come
   * from state-dict keys when the network is one module or its pieces are registered in a model
   * (`l1.input_weights`); a free-standing piece of a list is named by its stage name instead.
   */
  static async of(network: unknown): Promise<TensorTable> {
    const table = new TensorTable();
    const reads: Promise<void>[] = [];
    const single = !Array.isArray(network);
    const seen = new Set<Tensor>();
    for (const m of TensorTable.modulesIn(network)) {
      const named = single || m.path !== '';
      for (const [key, t] of m.stateDict()) {
        if (seen.has(t)) continue;
        seen.add(t);
        if (named) table.keys.set(t, m.path ? `${m.path}.${key}` : key);
        if (t.dtype === 'float32') {
          reads.push(
            t.data().then((d) => {
              table.host.set(t, Float32Array.from(d as Float32Array));
            }),
          );
        }
      }
    }
    await Promise.all(reads);
    return table;
  }

  /** The modules found in a network description (top-level pieces; children come with them). */
  private static modulesIn(network: unknown): Module[] {
    const pieces = Array.isArray(network) ? network.map((e) => (Array.isArray(e) ? e[1] : e)) : [network];
    return pieces.filter((p): p is Module => p instanceof Module);
  }

  attach(graph: GraphBuilder): void {
    this.graph = graph;
  }

  private get g(): GraphBuilder {
    if (!this.graph) throw new Error('internal: TensorTable used before attach()');
    return this.graph;
  }

  data(t: Tensor): Float32Array {
    const hit = this.host.get(t);
    if (hit) return hit;
    if (t.dtype !== 'float32') {
      throw new OnnxExportError(
        `cannot export tensor ${t.name ?? `[${t.shape.join(', ')}]`}: dtype ${t.dtype}, expected float32`,
      );
    }
    // A tensor outside the modules' state dicts (an encoder parameter): read it now.
    const values = Float32Array.from(t.dataSync() as Float32Array);
    this.host.set(t, values);
    return values;
  }

  tensor(t: Tensor, fallbackName: string): Value {
    return this.tensorWith(t, fallbackName, (d) => d);
  }

  tensorWith(t: Tensor, fallbackName: string, map: (data: Float32Array) => Float32Array): Value {
    const hit = this.written.get(t);
    if (hit) return hit;
    const name = this.keys.get(t) ?? fallbackName;
    const other = this.names.get(name);
    if (other && other !== t) {
      throw new OnnxExportError(
        `cannot export two different tensors under the name "${name}": name the pieces apart ([name, module])`,
      );
    }
    const v = this.g.initializer(name, 'float32', [...t.shape], map(this.data(t)));
    this.written.set(t, v);
    this.names.set(name, t);
    return v;
  }

  param(p: number | Tensor, fallbackName: string): Value {
    return typeof p === 'number' ? this.g.constant(p) : this.tensor(p, fallbackName);
  }
}

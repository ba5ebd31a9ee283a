import type { SpikeMethod } from '@snn/core';
import type { CubaLIFNode, IntList, NirArray, NirGraph } from '../ir/graph.js';
import type { Unit } from './unit.js';
import {
  cubaGain,
  leakyForm,
  leakySubtractUnit,
  lifCellUnit,
  lifRecurrentUnit,
  maxPoolUnit,
} from './units.js';
import { every, near } from './values.js';

/*
 * Groups of nodes that are exactly one of our cells. Each runs as that cell (its arithmetic, its
 * state-dict keys, its gradients), which is what makes export -> import give the same numbers:
 *   Linear -> CubaLIF <-> Linear (Norse form)         LIFRecurrentCell
 *   Delay(one step) -> CubaLIF (Norse form)            LIFCell
 *   LI (snnTorch form) -> Threshold -> Scale(-th) -> LI  Leaky, reset 'subtract'
 *   SumPool2d -> Threshold(0), over spikes             MaxPool2d
 * Everything else runs node by node (units.ts), which computes the same dynamics.
 */

type Graph = { nodes: NirGraph['nodes']; edges: [string, string][] };

const outs = (g: Graph, n: string) => g.edges.filter(([a]) => a === n).map(([, b]) => b);
const ins = (g: Graph, n: string) => g.edges.filter(([, b]) => b === n).map(([a]) => a);
const only = (list: string[], name: string) => list.length === 1 && list[0] === name;

/** Norse's form of a CubaLIF: r = 1 and w_in = tau_syn/D (the input jumps into the current). */
function norseForm(node: CubaLIFNode, D: number): boolean {
  return every(node.r, (r) => r === 1) && cubaGain(node, D) === 1;
}

export interface PatternContext {
  readonly dt: number;
  readonly surrogate?: SpikeMethod;
  /** Whether a node's output is spikes (its unit's, once built). */
  spikes(node: string): boolean;
  inputShape(node: string): IntList | null;
}

/** The pattern unit starting at `name`, if any (null: run the node on its own). */
export function matchPattern(g: Graph, name: string, ctx: PatternContext): Unit | null {
  const node = g.nodes[name];
  const D = ctx.dt;
  if (node.type === 'Linear') {
    const [neuron] = outs(g, name);
    const n = g.nodes[neuron];
    if (only(outs(g, name), neuron) && n?.type === 'CubaLIF' && norseForm(n, D)) {
      const rec = ins(g, neuron).find((p) => p !== name);
      const r = rec ? g.nodes[rec] : undefined;
      const square =
        r?.type === 'Linear' &&
        r.weight.shape[0] === r.weight.shape[1] &&
        r.weight.shape[0] === node.weight.shape[0];
      if (
        rec &&
        square &&
        ins(g, neuron).length === 2 &&
        only(ins(g, rec), neuron) &&
        only(outs(g, rec), neuron)
      ) {
        return lifRecurrentUnit(name, neuron, rec, g, D, ctx.surrogate);
      }
    }
  }
  if (node.type === 'Delay') {
    const [neuron] = outs(g, name);
    const n = g.nodes[neuron];
    if (
      only(outs(g, name), neuron) &&
      only(ins(g, neuron), name) &&
      n?.type === 'CubaLIF' &&
      norseForm(n, D) &&
      oneStep(node.delay, D)
    ) {
      return lifCellUnit(name, neuron, n, D, ctx.surrogate);
    }
  }
  if (node.type === 'LI' && leakyForm(node, D).snntorch) {
    for (const th of outs(g, name)) {
      const t = g.nodes[th];
      if (t?.type !== 'Threshold' || !only(ins(g, th), name)) continue;
      const back = outs(g, th).find((s) => {
        const sc = g.nodes[s];
        return (
          sc?.type === 'Scale' &&
          only(outs(g, s), name) &&
          only(ins(g, s), th) &&
          sc.scale.data.every((v, k) => v === -t.threshold.data[k])
        );
      });
      if (back && only(outs(g, name), th)) return leakySubtractUnit(name, th, back, g, D, ctx.surrogate);
    }
  }
  if (node.type === 'SumPool2d') {
    const [th] = outs(g, name);
    const t = g.nodes[th];
    const src = ins(g, name);
    const shape = ctx.inputShape(name);
    if (
      only(outs(g, name), th) &&
      t?.type === 'Threshold' &&
      every(t.threshold, (x) => x === 0) &&
      node.padding.every((p) => p === 0) &&
      src.length === 1 &&
      ctx.spikes(src[0]) &&
      shape
    ) {
      return maxPoolUnit(name, th, g, shape);
    }
  }
  return null;
}

const oneStep = (delay: NirArray, D: number): boolean => every(delay, (d) => near(d / D, 1));

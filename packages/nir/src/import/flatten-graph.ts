import { NirConversionError } from '../errors.js';
import type { NirGraph, NirNode } from '../ir/graph.js';

/**
 * One level of nodes: a nested NIRGraph node `g` becomes its nodes named `g.<name>`, an edge into
 * `g` goes to its Input node and an edge out of `g` leaves from its Output node (edges may also
 * name `g.<input>` directly, as some exporters write them). The nested Input/Output nodes stay, as
 * pass-throughs; `io` names the top level's own.
 */
export function flattenGraph(
  graph: NirGraph,
  prefix = '',
): { nodes: Record<string, NirNode>; edges: [string, string][] } {
  const nodes: Record<string, NirNode> = {};
  const edges: [string, string][] = [];
  const entry = new Map<string, string>();
  const exit = new Map<string, string>();
  for (const [name, node] of Object.entries(graph.nodes)) {
    const full = prefix + name;
    if (node.type !== 'NIRGraph') {
      nodes[full] = node;
      continue;
    }
    const inner = flattenGraph(node, `${full}.`);
    Object.assign(nodes, inner.nodes);
    edges.push(...inner.edges);
    const ins = Object.entries(node.nodes).filter(([, n]) => n.type === 'Input');
    const outs = Object.entries(node.nodes).filter(([, n]) => n.type === 'Output');
    if (ins.length === 1) entry.set(full, `${full}.${ins[0][0]}`);
    if (outs.length === 1) exit.set(full, `${full}.${outs[0][0]}`);
  }
  for (const [a, b] of graph.edges) {
    const from = exit.get(prefix + a) ?? prefix + a;
    const to = entry.get(prefix + b) ?? prefix + b;
    for (const end of [from, to]) {
      if (!(end in nodes)) {
        throw new NirConversionError(
          `edge ${a} -> ${b}: "${end}" is a subgraph with ${end === from ? 'several outputs' : 'several inputs'} or no such node; name the subgraph's node (${end}.<name>)`,
        );
      }
    }
    edges.push([from, to]);
  }
  return { nodes, edges };
}

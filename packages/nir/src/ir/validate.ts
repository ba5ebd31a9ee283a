import { NirFormatError } from '../errors.js';
import type { IntList, NirArray, NirGraph, NirNode } from './graph.js';
import { sizeOf } from './graph.js';
import { declaredTypes, inferredOutput } from './shapes.js';

/*
 * The structure rules the reference implementation (nir 1.0) enforces when it builds a graph, as
 * ours: known node types (the reader refuses others), the parameter-shape assertions of each node's
 * __post_init__, edges between existing nodes (NIRGraph indexes nodes by edge endpoints), and
 * NIRGraph.check_types: along every edge the source's output type equals the target's input type.
 * Where NIR leaves a type open (pooling, Conv2d without input_shape, Flatten without input_type), it
 * is inferred from the node's input first, as nir's infer_types does.
 */

const eq = (a: IntList, b: IntList): boolean => a.length === b.length && a.every((d, i) => d === b[i]);
const fmt = (s: IntList | null): string => (s ? `[${s.join(', ')}]` : 'undefined');

function sameShapes(name: string, node: NirNode, fields: readonly string[], problems: string[]): void {
  const arrays = fields.map((f) => [f, (node as unknown as Record<string, NirArray>)[f]] as const);
  const [first, ref] = arrays[0];
  for (const [f, a] of arrays.slice(1)) {
    if (!eq(a.shape, ref.shape)) {
      problems.push(
        `node "${name}" (${node.type}): ${f} has shape ${fmt(a.shape)} but ${first} has ${fmt(ref.shape)} (all parameters must have the same shape)`,
      );
    }
  }
}

function nodeProblems(name: string, node: NirNode, problems: string[]): void {
  const where = `node "${name}" (${node.type})`;
  for (const [key, value] of Object.entries(node)) {
    if (value && typeof value === 'object' && 'data' in value && 'shape' in value) {
      const a = value as NirArray;
      if (a.data.length !== sizeOf(a.shape)) {
        problems.push(`${where}: ${key} holds ${a.data.length} values for shape ${fmt(a.shape)}`);
      }
    }
  }
  switch (node.type) {
    case 'Affine':
    case 'Linear':
      if (node.weight.shape.length < 2)
        problems.push(`${where}: weight must be at least 2-D, got ${fmt(node.weight.shape)}`);
      if (node.type === 'Affine' && !eq(node.bias.shape, node.weight.shape.slice(0, -1))) {
        problems.push(
          `${where}: bias ${fmt(node.bias.shape)} does not match weight ${fmt(node.weight.shape)}`,
        );
      }
      break;
    case 'Conv2d':
      if (node.weight.shape.length !== 4)
        problems.push(`${where}: weight must be [C_out, C_in, kH, kW], got ${fmt(node.weight.shape)}`);
      if (!eq(node.bias.shape, [node.weight.shape[0]]))
        problems.push(`${where}: bias ${fmt(node.bias.shape)} must be [${node.weight.shape[0]}]`);
      for (const k of ['stride', 'dilation'] as const) {
        if (node[k].length !== 2) problems.push(`${where}: ${k} must have 2 values, got ${node[k].length}`);
      }
      if (node.input_shape && node.input_shape.length !== 2)
        problems.push(`${where}: input_shape must be [H, W], got ${fmt(node.input_shape)}`);
      break;
    case 'SumPool2d':
    case 'AvgPool2d':
      for (const k of ['kernel_size', 'stride', 'padding'] as const) {
        if (node[k].length !== 2) problems.push(`${where}: ${k} must have 2 values, got ${node[k].length}`);
      }
      break;
    case 'LI':
      sameShapes(name, node, ['tau', 'r', 'v_leak'], problems);
      break;
    case 'LIF':
      sameShapes(name, node, ['tau', 'r', 'v_leak', 'v_reset', 'v_threshold'], problems);
      break;
    case 'CubaLI':
      sameShapes(name, node, ['tau_syn', 'tau_mem', 'r', 'v_leak', 'w_in'], problems);
      break;
    case 'CubaLIF':
      sameShapes(
        name,
        node,
        ['tau_syn', 'tau_mem', 'r', 'v_leak', 'v_reset', 'v_threshold', 'w_in'],
        problems,
      );
      break;
    case 'IF':
      sameShapes(name, node, ['r', 'v_threshold', 'v_reset'], problems);
      break;
    case 'NIRGraph':
      problems.push(...graphProblems(node).map((p) => `in subgraph "${name}": ${p}`));
      break;
    default:
      break;
  }
}

/**
 * The output type of every node, inferred forward from the Input nodes where NIR leaves it open.
 *
 * @param graph - The graph (nested graphs included).
 * @returns Each node's output shape by name; null where it cannot be inferred.
 * @example
 * ```ts
 * const { graph } = await readNir(await readFile('model.nir'), 'model.nir');
 * nodeOutputTypes(graph).get('output'); // e.g. [10]; null where it cannot be inferred
 * ```
 */
export function nodeOutputTypes(graph: NirGraph): Map<string, IntList | null> {
  const out = new Map<string, IntList | null>();
  const input = new Map<string, IntList | null>();
  for (const [name, node] of Object.entries(graph.nodes)) {
    const t = declaredTypes(node);
    out.set(name, t.output);
    input.set(name, t.input);
  }
  // Propagate along edges until nothing changes (cycles settle once their entry is typed).
  for (let changed = true, rounds = 0; changed && rounds <= graph.edges.length + 1; rounds++) {
    changed = false;
    for (const [from, to] of graph.edges) {
      const src = out.get(from);
      const node = graph.nodes[to];
      if (!src || !node || out.get(to)) continue;
      const o = inferredOutput(node, src);
      if (o) {
        out.set(to, o);
        if (!input.get(to)) input.set(to, src);
        changed = true;
      }
    }
  }
  return out;
}

/**
 * Every rule the graph breaks, as sentences naming nodes and edges (empty: the graph is sound).
 *
 * @param graph - The graph to check.
 * @example
 * ```ts
 * const { graph } = await readNir(await readFile('model.nir'), 'model.nir');
 * for (const problem of graphProblems(graph)) console.warn(problem);
 * ```
 */
export function graphProblems(graph: NirGraph): string[] {
  const problems: string[] = [];
  for (const [name, node] of Object.entries(graph.nodes)) nodeProblems(name, node, problems);
  for (const [from, to] of graph.edges) {
    for (const end of [from, to]) {
      if (!(end in graph.nodes)) problems.push(`edge ${from} -> ${to}: no node named "${end}"`);
    }
  }
  if (problems.length) return problems;
  const outputs = nodeOutputTypes(graph);
  for (const [from, to] of graph.edges) {
    const src = outputs.get(from) ?? null;
    const node = graph.nodes[to];
    // Nested graphs are checked on their own; Conv1d is read but not modelled (fromNir refuses it by name).
    const opaque = (t: string) => t === 'NIRGraph' || t === 'Conv1d';
    if (opaque(node.type) || opaque(graph.nodes[from].type)) continue;
    const declared = declaredTypes(node).input;
    if (!src) {
      problems.push(
        `edge ${from} -> ${to}: the output type of "${from}" (${graph.nodes[from].type}) is undefined and cannot be inferred`,
      );
    } else if (declared && !eq(src, declared)) {
      problems.push(
        `edge ${from} -> ${to}: type mismatch, ${from}.output ${fmt(src)} -> ${to}.input ${fmt(declared)}`,
      );
    }
  }
  return problems;
}

/**
 * Throws a NirFormatError listing every problem of the graph; `where` names the file
 * (default `NIR graph`).
 *
 * @param graph - The graph to check.
 * @param where - What the message calls the graph (default 'NIR graph').
 * @example
 * ```ts
 * const { graph } = await readNir(await readFile('model.nir'), 'model.nir');
 * checkGraph(graph, 'model.nir'); // throws NirFormatError: model.nir: ...
 * ```
 */
export function checkGraph(graph: NirGraph, where = 'NIR graph'): void {
  const problems = graphProblems(graph);
  if (problems.length)
    throw new NirFormatError(`${where} is not a valid NIR graph:\n  ${problems.join('\n  ')}`);
}

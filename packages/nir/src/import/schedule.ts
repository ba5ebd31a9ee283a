/**
 * The order in which an imported graph runs: its strongly connected components (Tarjan), sources
 * first. A component of one unit without a self-edge runs over the whole sequence at once; a cycle
 * runs step by step, its units in depth-first order from its entry, and each edge back to a unit
 * already run in that step carries the value of the previous step (NIR's recurrence: a neuron's
 * output reaches the nodes fed back from it one time step later).
 */
export interface Component {
  readonly units: readonly string[];
  readonly cyclic: boolean;
  /** Edges [from, to] inside the component that carry the previous step's value. */
  readonly backEdges: ReadonlySet<string>;
}

export const edgeKey = (from: string, to: string): string => `${from}\u0000${to}`;

export function schedule(ids: readonly string[], edges: readonly (readonly [string, string])[]): Component[] {
  const succ = new Map<string, string[]>(ids.map((id) => [id, []]));
  for (const [a, b] of edges) succ.get(a)!.push(b);
  // Tarjan's algorithm, iterative (graphs may be long chains).
  let index = 0;
  const idx = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const sccs: string[][] = [];
  for (const root of ids) {
    if (idx.has(root)) continue;
    const work: [string, number][] = [[root, 0]];
    idx.set(root, index);
    low.set(root, index++);
    stack.push(root);
    onStack.add(root);
    while (work.length) {
      const frame = work[work.length - 1];
      const [v, i] = frame;
      const next = succ.get(v)!;
      if (i < next.length) {
        frame[1]++;
        const w = next[i];
        if (!idx.has(w)) {
          idx.set(w, index);
          low.set(w, index++);
          stack.push(w);
          onStack.add(w);
          work.push([w, 0]);
        } else if (onStack.has(w)) low.set(v, Math.min(low.get(v)!, idx.get(w)!));
        continue;
      }
      work.pop();
      if (work.length) {
        const parent = work[work.length - 1][0];
        low.set(parent, Math.min(low.get(parent)!, low.get(v)!));
      }
      if (low.get(v) === idx.get(v)) {
        const comp: string[] = [];
        let w: string;
        do {
          w = stack.pop()!;
          onStack.delete(w);
          comp.push(w);
        } while (w !== v);
        sccs.push(comp);
      }
    }
  }
  sccs.reverse(); // Tarjan emits sinks first
  return sccs.map((members) => orderComponent(members, edges));
}

function orderComponent(members: string[], edges: readonly (readonly [string, string])[]): Component {
  const inside = new Set(members);
  const internal = edges.filter(([a, b]) => inside.has(a) && inside.has(b));
  if (members.length === 1 && internal.length === 0)
    return { units: members, cyclic: false, backEdges: new Set() };
  // Entry: the first member fed from outside the component (else any).
  const entry = members.find((m) => edges.some(([a, b]) => b === m && !inside.has(a))) ?? members[0];
  const order: string[] = [];
  const back = new Set<string>();
  const state = new Map<string, 'open' | 'done'>();
  const visit = (v: string): void => {
    state.set(v, 'open');
    for (const [a, b] of internal) {
      if (a !== v) continue;
      if (state.get(b) === 'open') back.add(edgeKey(a, b));
      else if (!state.has(b)) visit(b);
    }
    state.set(v, 'done');
    order.push(v);
  };
  visit(entry);
  for (const m of members) if (!state.has(m)) visit(m);
  order.reverse();
  // Edges from later to earlier units in this order carry the previous step too.
  const pos = new Map(order.map((u, k) => [u, k]));
  for (const [a, b] of internal) if (pos.get(a)! >= pos.get(b)!) back.add(edgeKey(a, b));
  return { units: order, cyclic: true, backEdges: back };
}

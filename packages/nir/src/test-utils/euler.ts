/*
 * A plain-JavaScript, float64 simulation of NIR's equations with forward Euler at dt, written from
 * the specification only (no @snn code): the reference the imported models are held to. Nodes run in
 * the given order each step; an edge into a node already run this step carries the previous step's
 * value (zeros before the first step).
 */

export type RefNode =
  | { type: 'Input' | 'Output' }
  | { type: 'Affine'; w: number[][]; b: number[] }
  | { type: 'LIF'; tau: number[]; r: number[]; vLeak: number[]; vTh: number[]; vReset: number[] }
  | { type: 'LI'; tau: number[]; r: number[]; vLeak: number[] }
  | { type: 'IF'; r: number[]; vTh: number[]; vReset: number[] }
  | {
      type: 'CubaLIF';
      tauSyn: number[];
      tauMem: number[];
      r: number[];
      vLeak: number[];
      vTh: number[];
      vReset: number[];
      wIn: number[];
    }
  | { type: 'Flat'; apply: (x: number[]) => number[] };

export interface RefResult {
  out: number[][]; // [T][batch * n] of the Output node
  v: Map<string, number[][]>; // membranes per step
}

export function simulate(
  nodes: Record<string, RefNode>,
  order: string[],
  edges: [string, string][],
  x: number[][][], // [T][batch][inputs]
  dt: number,
): { out: number[][][]; v: Map<string, number[][][]> } {
  const T = x.length;
  const batch = x[0].length;
  const out: number[][][] = [];
  const vTrace = new Map<string, number[][][]>();
  const state = new Map<string, { v: number[]; i: number[] }[]>();
  let prev = new Map<string, number[][]>();
  for (let t = 0; t < T; t++) {
    const cur = new Map<string, number[][]>();
    for (const name of order) {
      const node = nodes[name];
      const srcs = edges.filter(([, b]) => b === name).map(([a]) => a);
      const input = (s: number): number[] => {
        let acc: number[] | null = null;
        for (const src of srcs) {
          const val = (cur.get(src) ?? prev.get(src))?.[s];
          if (!val) continue; // before the first step: zeros
          acc = acc ? acc.map((a, k) => a + val[k]) : [...val];
        }
        return acc ?? [];
      };
      const outs: number[][] = [];
      for (let s = 0; s < batch; s++) {
        const u = node.type === 'Input' ? x[t][s] : input(s);
        if (node.type === 'Input' || node.type === 'Output') outs.push(u);
        else if (node.type === 'Affine')
          outs.push(node.w.map((row, o) => row.reduce((a, w, k) => a + w * (u[k] ?? 0), node.b[o])));
        else if (node.type === 'Flat') outs.push(node.apply(u));
        else {
          // TS cannot narrow the 'Input' | 'Output' member away on its own here.
          const node = nodes[name] as Exclude<RefNode, { type: 'Input' | 'Output' | 'Affine' | 'Flat' }>;
          const n = node.type === 'IF' ? node.r.length : node.vLeak.length;
          const st = state.get(name) ?? [];
          st[s] ??= {
            v: node.type === 'IF' ? new Array(n).fill(0) : [...node.vLeak],
            i: new Array(n).fill(0),
          };
          state.set(name, st);
          const z: number[] = [];
          for (let k = 0; k < n; k++) {
            const xin = u[k] ?? 0;
            const S = st[s];
            if (node.type === 'CubaLIF') {
              S.i[k] += (dt / node.tauSyn[k]) * (-S.i[k] + node.wIn[k] * xin);
              S.v[k] += (dt / node.tauMem[k]) * (node.vLeak[k] - S.v[k] + node.r[k] * S.i[k]);
            } else if (node.type === 'IF') S.v[k] += dt * node.r[k] * xin;
            else S.v[k] += (dt / node.tau[k]) * (node.vLeak[k] - S.v[k] + node.r[k] * xin);
            if (node.type === 'LI') z.push(S.v[k]);
            else {
              const spike = S.v[k] > node.vTh[k] ? 1 : 0;
              z.push(spike);
              if (spike) S.v[k] = node.vReset[k];
            }
          }
          outs.push(z);
          const trace = vTrace.get(name) ?? [];
          trace[t] ??= [];
          trace[t][s] = [...st[s].v];
          vTrace.set(name, trace);
        }
      }
      cur.set(name, outs);
      if (node.type === 'Output') out.push(outs);
    }
    prev = cur;
  }
  return { out, v: vTrace };
}

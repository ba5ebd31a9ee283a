import { reshape, type Tensor, unstack } from '@snn/core';
import { type LIFNode, Linear, type Module, manualSeed, resetNet } from '@snn/modules';
import { exportOnnx } from '../export/export-onnx.js';
import { modelInfo, openOnnx, runOnnx } from './ort.js';
import { dyadic, dyadicWeights } from './reference.js';

/*
 * The zoo cells' export checks: a cell behind a Linear ("fc", "cell"), run by the library one step at
 * a time and by onnxruntime (the per-step graph with its states fed back, and the whole-sequence
 * Loop); spikes and every state are compared at every step.
 */

export const T = 8;
export const B = 3;
export const IN = 5;
export const N = 4;

/** One step of the library's cell: its output and its state fields by name. */
export type LibraryStep = (x: Tensor) => { out: Tensor; state: Record<string, Tensor> };

/** A cell's state by field name: a lone tensor is snnTorch's `mem`; nested fields (LIFRefrac's lif.v) by their own name. */
function flatState(s: unknown, into: Record<string, Tensor> = {}): Record<string, Tensor> {
  if (s instanceof Object && 'shape' in s) return { mem: s as Tensor };
  for (const [k, v] of Object.entries(s as object)) {
    if (v instanceof Object && !('shape' in v)) flatState(v, into);
    else into[k] = v as Tensor;
  }
  return into;
}

/** The library step of a cell whose forward is (x, state) -> [out, state] (snnTorch, Norse). */
export function cellStepper(m: Module): LibraryStep {
  const cell = m as unknown as { forward(x: Tensor, s: unknown): [Tensor, unknown] };
  let s: unknown = null;
  return (x) => {
    const [out, next] = cell.forward(x, s);
    s = next;
    return { out, state: flatState(next) };
  };
}

/**
 * The library step of a SpikingJelly node: its forward on a one-step sequence, the membrane (and
 * Izhikevich's w) read from what it keeps for the next call, as after `reset_net`.
 */
export function nodeStepper(m: LIFNode): LibraryStep {
  resetNet(m);
  const kept = m as unknown as { lastV: Tensor; lastW?: Tensor | null };
  return (x) => {
    const out = reshape(m.forward(reshape(x, [1, ...x.shape])), x.shape);
    const state: Record<string, Tensor> = { v: kept.lastV };
    if (kept.lastW) state.w = kept.lastW;
    return { out, state };
  };
}

export interface ZooRun {
  library: { outs: number[][]; states: Record<string, number[]>[] };
  stepped: { outs: number[][]; states: Record<string, number[]>[] };
  whole: number[];
}

/** Exports [fc, cell], runs both graphs and the library on the same dyadic inputs. */
export async function runZoo(cell: Module, step: LibraryStep, amplitude: number, seed = 1): Promise<ZooRun> {
  const fc = new Linear(IN, N, { seed });
  dyadicWeights(fc, 100 + seed);
  const network = [
    ['fc', fc],
    ['cell', cell],
  ] as const;
  const xs = dyadic([T, B, IN], 42 + seed, amplitude);
  const library = { outs: [] as number[][], states: [] as Record<string, number[]>[] };
  for (const x of unstack(xs, 0)) {
    // No tidy: the cell keeps its state tensors from step to step (a small test net).
    const r = step(fc.forward(x));
    library.outs.push(Array.from(r.out.dataSync()));
    const st: Record<string, number[]> = {};
    for (const [k, v] of Object.entries(r.state)) st[k] = Array.from(v.dataSync());
    library.states.push(st);
  }
  const data = xs.dataSync() as Float32Array;
  const seqBytes = await exportOnnx(network, { inputShape: [IN], encoder: 'spikes', emitSequence: true });
  const whole = Array.from((await runOnnx(seqBytes, { spikes: { data, shape: xs.shape } })).outputs.data);
  const stepBytes = await exportOnnx(network, { inputShape: [IN], encoder: 'spikes', form: 'step' });
  const info = modelInfo(stepBytes);
  const session = await openOnnx(stepBytes);
  const stepped = { outs: [] as number[][], states: [] as Record<string, number[]>[] };
  try {
    const feeds: Record<string, { data: Float32Array; shape: readonly number[] }> = {};
    for (const st of info.states) {
      const shape = [B, ...(st.shape ?? [])];
      const size = shape.reduce((a, b) => a * b, 1);
      const init = new Float32Array(size);
      if (typeof st.init === 'number') init.fill(st.init);
      else for (let b = 0; b < B; b++) init.set(st.init, b * (size / B));
      feeds[st.input] = { data: init, shape };
    }
    const per = B * IN;
    for (let t = 0; t < T; t++) {
      const r = await session.run({
        spikes: { data: data.subarray(t * per, (t + 1) * per), shape: [B, IN] },
        ...feeds,
      });
      stepped.outs.push(Array.from(r.out.data));
      const st: Record<string, number[]> = {};
      for (const s of info.states) {
        st[s.input.replace(/^cell\./, '')] = Array.from(r[s.output].data);
        feeds[s.input] = { data: Float32Array.from(r[s.output].data), shape: feeds[s.input].shape };
      }
      stepped.states.push(st);
    }
  } finally {
    await session.close();
  }
  return { library, stepped, whole };
}

/** Max |a - b| over two equally long lists (Infinity when the lengths differ). */
export function maxDiff(a: readonly number[], b: readonly number[]): number {
  if (a.length !== b.length) return Number.POSITIVE_INFINITY;
  let m = 0;
  for (let i = 0; i < a.length; i++) m = Math.max(m, Math.abs(a[i] - b[i]));
  return m;
}

/** A zoo test case: the cell, the input scale that makes it spike, and the tolerance (0: bit for bit). */
export interface ZooCase<M extends Module = Module> {
  make: () => M;
  amplitude: number;
  tolerance?: number;
}

/**
 * One jest test per case: the cell behind a Linear is exported and run by onnxruntime, and spikes
 * and every state agree with the library at every step, per step and in the Loop; some spikes and
 * some silences occur, so the case tests something.
 */
export function describeZoo<M extends Module>(
  cases: Record<string, ZooCase<M>>,
  stepper: (m: M) => LibraryStep,
): void {
  describe.each(Object.keys(cases))('%s', (name) => {
    it('exports, and onnxruntime reproduces spikes and states at every step (per step and Loop)', async () => {
      manualSeed(5);
      const c = cases[name];
      const cell = c.make();
      const r = await runZoo(cell, stepper(cell), c.amplitude);
      const tol = c.tolerance ?? 0;
      const libOuts = r.library.outs.flat();
      expect(maxDiff(r.stepped.outs.flat(), libOuts)).toBeLessThanOrEqual(tol);
      expect(maxDiff(r.whole, libOuts)).toBeLessThanOrEqual(tol);
      expect(maxDiff(r.whole, r.stepped.outs.flat())).toBe(0);
      for (const [t, want] of r.library.states.entries()) {
        expect(Object.keys(r.stepped.states[t]).sort()).toEqual(Object.keys(want).sort());
        for (const k of Object.keys(want)) {
          expect(maxDiff(r.stepped.states[t][k], want[k])).toBeLessThanOrEqual(tol);
        }
      }
      expect(libOuts.some((v) => v === 1)).toBe(true);
      expect(libOuts.some((v) => v === 0)).toBe(true);
    });
  });
}

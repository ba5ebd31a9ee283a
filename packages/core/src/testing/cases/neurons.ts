import type { LIFSequenceAttrs } from '../../kernels/kernel-signatures.js';
import { hostDerivative as surrogateDerivative } from '../../surrogate/registry.js';
import type { SurrogateName } from '../../surrogate/resolve.js';
import { type KernelCase, t } from '../case-types.js';
import { product, pseudoRandom, range } from '../host-math.js';
import { withEveryDefinedSurrogate } from './probe-surrogate.js';

/*
 * Fused neuron kernels against a step-by-step host simulation in float64. The gradient kernels are
 * checked against FORWARD-mode differentiation (dual numbers) of that simulation: a different
 * algorithm from the reverse-time recurrence the kernels implement, so a wrong recurrence cannot
 * agree with it by construction. The reset v_new = (1 - z)*vd + z*vReset is differentiated both ways:
 * detached (Norse lif_step): d(v_new) = (1 - z) d(vd); in the graph (Norse lif_feed_forward_step):
 * d(v_new) = (1 - z) d(vd) + (vReset - vd) dz with dz = surrogate'(vd - vTh) d(vd).
 */

type LIAttrs = Pick<LIFSequenceAttrs, 'tauSynInv' | 'tauMemInv' | 'vLeak' | 'dt'>;

/** Which input a forward-mode pass differentiates with respect to. */
type Seed = { kind: 'x'; t: number } | { kind: 'v0' } | { kind: 'i0' };

interface Neuron {
  x: number[]; // x[t] for this neuron
  v0: number;
  i0: number;
}

/** LIF forward of one neuron; with `seed` also returns d(sum of upstream * outputs)/d(seed). */
function lifNeuron(
  n: Neuron,
  p: LIFSequenceAttrs,
  seed?: Seed,
  up?: { dz: number[]; dv: number[]; di: number[] },
) {
  const a = p.dt * p.tauMemInv;
  const b = p.dt * p.tauSynInv;
  let v = n.v0;
  let i = n.i0;
  let vT = seed?.kind === 'v0' ? 1 : 0;
  let iT = seed?.kind === 'i0' ? 1 : 0;
  let dL = 0;
  const out = {
    z: [] as number[],
    v: [] as number[],
    i: [] as number[],
    vd: [] as number[],
    margin: Infinity,
  };
  n.x.forEach((xt, step) => {
    const vd = v + a * (p.vLeak - v + i);
    const vdT = vT * (1 - a) + a * iT;
    const id = i - b * i;
    const idT = iT * (1 - b);
    const z = vd - p.vTh > 0 ? 1 : 0;
    const zT = surrogateDerivative(p.surrogate, vd - p.vTh, p.alpha) * vdT;
    v = (1 - z) * vd + z * p.vReset;
    vT = (1 - z) * vdT + (p.detachReset ? 0 : (p.vReset - vd) * zT);
    i = id + xt;
    iT = idT + (seed?.kind === 'x' && seed.t === step ? 1 : 0);
    out.z.push(z);
    out.v.push(v);
    out.i.push(i);
    out.vd.push(vd);
    out.margin = Math.min(out.margin, Math.abs(vd - p.vTh));
    if (up) dL += up.dz[step] * zT + up.dv[step] * vT + up.di[step] * iT;
  });
  return { ...out, dL };
}

/** Norse li_feed_forward_step for one neuron (input jumps the current first), forward-mode as above. */
function liNeuron(n: Neuron, p: LIAttrs, seed?: Seed, up?: { dv: number[]; di: number[] }) {
  const a = p.dt * p.tauMemInv;
  const b = p.dt * p.tauSynInv;
  let v = n.v0;
  let i = n.i0;
  let vT = seed?.kind === 'v0' ? 1 : 0;
  let iT = seed?.kind === 'i0' ? 1 : 0;
  let dL = 0;
  const out = { v: [] as number[], i: [] as number[] };
  n.x.forEach((xt, step) => {
    const j = i + xt;
    const jT = iT + (seed?.kind === 'x' && seed.t === step ? 1 : 0);
    v = v + a * (p.vLeak - v + j);
    vT = vT * (1 - a) + a * jT;
    i = j - b * j;
    iT = jT * (1 - b);
    out.v.push(v);
    out.i.push(i);
    if (up) dL += up.dv[step] * vT + up.di[step] * iT;
  });
  return { ...out, dL };
}

/** Splits [T, ...n] data into per-neuron series and reassembles per-neuron results. */
function neurons(x: number[], v0: number[], i0: number[], steps: number): Neuron[] {
  const count = v0.length;
  return range(count).map((k) => ({ x: range(steps).map((s) => x[s * count + k]), v0: v0[k], i0: i0[k] }));
}
/**
 * A LIF case is only a test where every neuron keeps vDecayed at least 1e-3 away from vTh (float32
 * rounding would otherwise flip a spike) and some neuron fires; `what` names the inputs to enlarge.
 */
function checkRuns(name: string, runs: { margin: number; z: number[] }[], what: string): void {
  const margin = Math.min(...runs.map((r) => r.margin));
  if (margin < 1e-3)
    throw new Error(`conformance case ${name}: vDecayed comes within ${margin} of vTh; pick another seed`);
  if (!runs.some((r) => r.z.includes(1)))
    throw new Error(`conformance case ${name}: no spikes; pick larger ${what}`);
}
const interleave = (perNeuron: number[][], steps: number) =>
  range(steps).flatMap((s) => perNeuron.map((series) => series[s]));

const norse: LIFSequenceAttrs = {
  tauSynInv: 200,
  tauMemInv: 100,
  vLeak: 0,
  vTh: 1,
  vReset: 0,
  dt: 0.001,
  surrogate: 'superspike',
  alpha: 100,
  detachReset: false,
};

interface SequenceProblem {
  name: string;
  steps: number;
  neuronShape: number[];
  seed: number;
  xRange: [number, number];
}

function lifCases(
  problem: SequenceProblem,
  p: LIFSequenceAttrs,
  surrogatesToCheck: [SurrogateName, number][],
): KernelCase[] {
  const { steps, neuronShape, seed } = problem;
  const count = product(neuronShape);
  const shape = [steps, ...neuronShape];
  const x = pseudoRandom(steps * count, seed, ...problem.xRange);
  const v0 = pseudoRandom(count, seed + 1, -0.2, 0.8);
  const i0 = pseudoRandom(count, seed + 2, 0, 2);
  const cells = neurons(x, v0, i0, steps);
  const runs = cells.map((n) => lifNeuron(n, p));
  checkRuns(problem.name, runs, 'inputs');
  const z = interleave(
    runs.map((r) => r.z),
    steps,
  );
  const vd = interleave(
    runs.map((r) => r.vd),
    steps,
  );
  const cases: KernelCase[] = [
    {
      kernel: 'LIFSequence',
      name: problem.name,
      inputs: { x: t(x, shape), v0: t(v0, neuronShape), i0: t(i0, neuronShape) },
      attrs: p,
      expected: [
        t(z, shape),
        t(
          interleave(
            runs.map((r) => r.v),
            steps,
          ),
          shape,
        ),
        t(
          interleave(
            runs.map((r) => r.i),
            steps,
          ),
          shape,
        ),
        t(vd, shape),
      ],
      tolerance: 1e-5,
    },
  ];
  for (const [[surrogate, alpha], detachReset] of surrogatesToCheck.flatMap((sa) =>
    [true, false].map((d) => [sa, d] as const),
  )) {
    const q = { ...p, surrogate, alpha, detachReset };
    const up = {
      dz: pseudoRandom(steps * count, seed + 3),
      dv: pseudoRandom(steps * count, seed + 4),
      di: pseudoRandom(steps * count, seed + 5),
    };
    const upFor = (k: number) => ({
      dz: range(steps).map((s) => up.dz[s * count + k]),
      dv: range(steps).map((s) => up.dv[s * count + k]),
      di: range(steps).map((s) => up.di[s * count + k]),
    });
    const dx = cells.map((n, k) =>
      range(steps).map((s) => lifNeuron(n, q, { kind: 'x', t: s }, upFor(k)).dL),
    );
    const dv0 = cells.map((n, k) => lifNeuron(n, q, { kind: 'v0' }, upFor(k)).dL);
    const di0 = cells.map((n, k) => lifNeuron(n, q, { kind: 'i0' }, upFor(k)).dL);
    cases.push({
      kernel: 'LIFSequenceGrad',
      name: `${problem.name}, ${surrogate} alpha ${alpha}, ${detachReset ? 'reset detached' : 'reset in the graph'}`,
      inputs: {
        z: t(z, shape),
        vDecayed: t(vd, shape),
        dz: t(up.dz, shape),
        dv: t(up.dv, shape),
        di: t(up.di, shape),
      },
      attrs: q,
      expected: [t(interleave(dx, steps), shape), t(dv0, neuronShape), t(di0, neuronShape)],
      tolerance: 1e-4,
    });
  }
  return cases;
}

function liCases(problem: SequenceProblem, p: LIAttrs): KernelCase[] {
  const { steps, neuronShape, seed } = problem;
  const count = product(neuronShape);
  const shape = [steps, ...neuronShape];
  const x = pseudoRandom(steps * count, seed, ...problem.xRange);
  const v0 = pseudoRandom(count, seed + 1);
  const i0 = pseudoRandom(count, seed + 2);
  const cells = neurons(x, v0, i0, steps);
  const runs = cells.map((n) => liNeuron(n, p));
  const up = { dv: pseudoRandom(steps * count, seed + 3), di: pseudoRandom(steps * count, seed + 4) };
  const upFor = (k: number) => ({
    dv: range(steps).map((s) => up.dv[s * count + k]),
    di: range(steps).map((s) => up.di[s * count + k]),
  });
  const dx = cells.map((n, k) => range(steps).map((s) => liNeuron(n, p, { kind: 'x', t: s }, upFor(k)).dL));
  return [
    {
      kernel: 'LISequence',
      name: problem.name,
      inputs: { x: t(x, shape), v0: t(v0, neuronShape), i0: t(i0, neuronShape) },
      attrs: p,
      expected: [
        t(
          interleave(
            runs.map((r) => r.v),
            steps,
          ),
          shape,
        ),
        t(
          interleave(
            runs.map((r) => r.i),
            steps,
          ),
          shape,
        ),
      ],
      tolerance: 1e-5,
    },
    {
      kernel: 'LISequenceGrad',
      name: problem.name,
      inputs: { dv: t(up.dv, shape), di: t(up.di, shape) },
      attrs: p,
      expected: [
        t(interleave(dx, steps), shape),
        t(
          cells.map((n, k) => liNeuron(n, p, { kind: 'v0' }, upFor(k)).dL),
          neuronShape,
        ),
        t(
          cells.map((n, k) => liNeuron(n, p, { kind: 'i0' }, upFor(k)).dL),
          neuronShape,
        ),
      ],
      tolerance: 1e-4,
    },
  ];
}

/**
 * LIFSpikesFromState: LIFSequence's spikes for a zero input from (v0, i0), from the same host
 * simulation; i0 spread wide enough that some neurons fire often, some rarely, some never.
 */
function lifFromStateCase(
  problem: Omit<SequenceProblem, 'xRange'>,
  p: LIFSequenceAttrs,
  i0Range: [number, number],
): KernelCase {
  const { steps, neuronShape, seed } = problem;
  const count = product(neuronShape);
  const v0 = pseudoRandom(count, seed + 1, -0.2, 0.8);
  const i0 = pseudoRandom(count, seed + 2, ...i0Range);
  const runs = neurons(new Array(steps * count).fill(0), v0, i0, steps).map((n) => lifNeuron(n, p));
  checkRuns(problem.name, runs, 'currents');
  const { tauSynInv, tauMemInv, vLeak, vTh, vReset, dt } = p;
  return {
    kernel: 'LIFSpikesFromState',
    name: problem.name,
    inputs: { v0: t(v0, neuronShape), i0: t(i0, neuronShape) },
    attrs: { steps, tauSynInv, tauMemInv, vLeak, vTh, vReset, dt },
    expected: t(
      interleave(
        runs.map((r) => r.z),
        steps,
      ),
      [steps, ...neuronShape],
    ),
  };
}

const allSurrogates: [SurrogateName, number][] = withEveryDefinedSurrogate([
  ['superspike', 100],
  ['atan', 2],
  ['sigmoid', 4],
  ['fastSigmoid', 25],
  ['triangle', 2],
  ['straightThrough', 1],
]);

export const neuronCases: readonly KernelCase[] = [
  ...lifCases(
    {
      name: 'Norse defaults, T 12, neurons [2, 3]',
      steps: 12,
      neuronShape: [2, 3],
      seed: 1000,
      xRange: [0, 4],
    },
    norse,
    allSurrogates,
  ),
  ...lifCases(
    {
      name: 'vLeak, vReset, fast dynamics, T 8, neurons [5]',
      steps: 8,
      neuronShape: [5],
      seed: 1010,
      xRange: [-1, 6],
    },
    { ...norse, tauSynInv: 300, tauMemInv: 250, vLeak: 0.1, vTh: 0.6, vReset: -0.2, dt: 0.002 },
    [
      ['superspike', 100],
      ['atan', 2],
    ],
  ),
  ...lifCases(
    { name: 'T 1, neurons [4]', steps: 1, neuronShape: [4], seed: 1021, xRange: [0, 1] },
    { ...norse, vTh: 0.2 },
    [['sigmoid', 4]],
  ),
  lifFromStateCase(
    {
      name: 'constant current (tauSynInv 0), T 40, neurons [3, 37]',
      steps: 40,
      neuronShape: [3, 37],
      seed: 1030,
    },
    { ...norse, tauSynInv: 0 },
    [0, 12],
  ),
  lifFromStateCase(
    { name: 'decaying current, vLeak, vReset, T 9, neurons [6]', steps: 9, neuronShape: [6], seed: 1040 },
    { ...norse, tauSynInv: 300, tauMemInv: 250, vLeak: 0.1, vTh: 0.6, vReset: -0.2, dt: 0.002 },
    [0, 6],
  ),
  ...liCases(
    {
      name: 'Norse defaults, T 10, neurons [2, 3]',
      steps: 10,
      neuronShape: [2, 3],
      seed: 1100,
      xRange: [-1, 2],
    },
    norse,
  ),
  ...liCases(
    { name: 'vLeak, other taus, T 1, neurons [3]', steps: 1, neuronShape: [3], seed: 1110, xRange: [-1, 1] },
    { tauSynInv: 50, tauMemInv: 400, vLeak: -0.3, dt: 0.001 },
  ),
];

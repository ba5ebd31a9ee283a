import type { KernelName } from '../../kernels/kernel-signatures.js';
import { type KernelCase, t } from '../case-types.js';

/*
 * NaN behaves as IEEE 754 (and PyTorch) say, on every backend: arithmetic and Maximum/Minimum give NaN,
 * comparisons with NaN are false (NotEqual true), a Max reduction over a NaN is NaN, Spike(NaN) is 0 and
 * Where takes the selected side whatever the other holds. Encoders rely on this to treat NaN input the
 * same everywhere without reading it back (a NaN never fires), and `fit` relies on Where to drop an
 * update holding NaN. GPU shader compilers may assume there is no NaN: these cases catch a backend
 * that lets them. Expected values are written by hand.
 */

const NaN_ = Number.NaN;
const Inf = Number.POSITIVE_INFINITY;

/** NaN on each side and on both, against finite values, 0 and Infinity. */
const left = [NaN_, 1, NaN_, NaN_, -2, NaN_];
const right = [0, NaN_, NaN_, Inf, NaN_, -Inf];

// (Pow is left out: pow(NaN, 0) is 1 in IEEE and JavaScript alike.)
const arithmetic: KernelName[] = ['Add', 'Sub', 'Mul', 'Div', 'Maximum', 'Minimum'];

const comparisons: [KernelName, boolean][] = [
  ['Equal', false],
  ['NotEqual', true],
  ['Greater', false],
  ['GreaterEqual', false],
  ['Less', false],
  ['LessEqual', false],
];

function binaryNaNCases(): KernelCase[] {
  const cases: KernelCase[] = arithmetic.map((kernel) => ({
    kernel,
    name: 'NaN on either side gives NaN',
    inputs: { a: t(left, [2, 3]), b: t(right, [2, 3]) },
    expected: t(new Array(6).fill(NaN_), [2, 3]),
  }));
  for (const [kernel, value] of comparisons) {
    cases.push({
      kernel,
      name: `a comparison with NaN is ${value} (IEEE 754)`,
      inputs: { a: t(left, [2, 3]), b: t(right, [2, 3]) },
      expected: t(new Array(6).fill(value ? 1 : 0), [2, 3], 'bool'),
    });
  }
  return cases;
}

/** Unary kernels with their value at 1 (the finite neighbour of the NaN). */
const unary: [KernelName, number][] = [
  ['Exp', Math.E],
  ['Log', 0],
  ['Sqrt', 1],
  ['Tanh', Math.tanh(1)],
  ['Sign', 1],
  ['Floor', 1],
  ['Neg', -1],
  ['Abs', 1],
  ['Reciprocal', 1],
];

export const nanCases: readonly KernelCase[] = [
  ...binaryNaNCases(),
  ...unary.map(
    ([kernel, atOne]): KernelCase => ({
      kernel,
      name: 'NaN in, NaN out',
      inputs: { x: t([NaN_, 1], [2]) },
      expected: t([NaN_, atOne], [2]),
    }),
  ),
  {
    kernel: 'Spike',
    name: 'NaN never spikes (exclusive and inclusive)',
    inputs: { x: t([NaN_, 1, NaN_, -1], [4]) },
    attrs: { inclusive: false },
    expected: t([0, 1, 0, 0], [4]),
    tolerance: 0,
  },
  {
    kernel: 'Spike',
    name: 'NaN never spikes (inclusive)',
    inputs: { x: t([NaN_, 0, NaN_], [3]) },
    attrs: { inclusive: true },
    expected: t([0, 1, 0], [3]),
    tolerance: 0,
  },
  {
    kernel: 'Where',
    name: 'takes the selected side whatever the other holds (NaN, Infinity)',
    inputs: {
      condition: t([1, 0, 1, 0], [4], 'bool'),
      a: t([1, NaN_, Inf, NaN_], [4]),
      b: t([NaN_, 2, NaN_, -Inf], [4]),
    },
    expected: t([1, 2, Inf, -Inf], [4]),
  },
  {
    kernel: 'Max',
    name: 'a NaN in the reduced slice gives NaN (first, middle, last position; all NaN)',
    inputs: { x: t([NaN_, 1, 2, 3, 4, NaN_, 5, 6, -1, -2, -3, NaN_, NaN_, NaN_, NaN_, 7, 8, 9], [6, 3]) },
    attrs: { axes: [1], keepDims: false },
    expected: t([NaN_, NaN_, 6, NaN_, NaN_, 9], [6]),
  },
];

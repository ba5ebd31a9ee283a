import type { KernelName } from '../../kernels/kernel-signatures.js';
import type { DType } from '../../tensor/tensor-info.js';
import { type KernelCase, t } from '../case-types.js';
import { broadcastMap, pseudoRandom } from '../host-math.js';

/* Elementwise binary, comparison, unary, Where, Cast and Spike cases. */

type Operand = { values: number[]; shape: number[] };

/** Shape pairs that exercise NumPy broadcasting, including scalars, size-1 dims and rank 4. */
const broadcastPairs: [string, number[], number[]][] = [
  ['same shape', [2, 3], [2, 3]],
  ['row vector', [2, 3], [3]],
  ['column against row', [2, 1], [1, 3]],
  ['scalar right', [2, 2], []],
  ['scalar left', [], [3]],
  ['two scalars', [], []],
  ['size-1 against scalar', [1], []],
  ['rank 3 middle broadcast', [2, 1, 3], [4, 1]],
  ['rank 4 both sides', [2, 1, 3, 1], [1, 2, 1, 2]],
  ['zero-size', [0, 3], [3]],
];

function operand(shape: number[], seed: number, lo = -2, hi = 2): Operand {
  return {
    values: pseudoRandom(
      shape.reduce((a, b) => a * b, 1),
      seed,
      lo,
      hi,
    ),
    shape,
  };
}

function binaryCase(
  kernel: KernelName,
  name: string,
  a: Operand,
  b: Operand,
  fn: (x: number, y: number) => number,
  inDtype: DType = 'float32',
  outDtype: DType = inDtype,
  tolerance?: number,
): KernelCase {
  const out = broadcastMap([a, b], fn);
  return {
    kernel,
    name,
    inputs: { a: t(a.values, a.shape, inDtype), b: t(b.values, b.shape, inDtype) },
    expected: t(out.values, out.shape, outDtype),
    ...(tolerance === undefined ? {} : { tolerance }),
  };
}

const arithmetic: [KernelName, (x: number, y: number) => number][] = [
  ['Add', (x, y) => x + y],
  ['Sub', (x, y) => x - y],
  ['Mul', (x, y) => x * y],
  ['Maximum', Math.max],
  ['Minimum', Math.min],
];

const comparisons: [KernelName, (x: number, y: number) => boolean][] = [
  ['Equal', (x, y) => x === y],
  ['NotEqual', (x, y) => x !== y],
  ['Greater', (x, y) => x > y],
  ['GreaterEqual', (x, y) => x >= y],
  ['Less', (x, y) => x < y],
  ['LessEqual', (x, y) => x <= y],
];

function binaryCases(): KernelCase[] {
  const cases: KernelCase[] = [];
  broadcastPairs.forEach(([label, sa, sb], p) => {
    const a = operand(sa, 10 + p);
    const b = operand(sb, 50 + p);
    for (const [kernel, fn] of arithmetic) cases.push(binaryCase(kernel, `broadcast: ${label}`, a, b, fn));
    // Keep divisors away from 0 so the relative tolerance is meaningful.
    const divisor = { ...b, values: b.values.map((v) => (Math.abs(v) < 0.25 ? v + 0.5 : v)) };
    cases.push(binaryCase('Div', `broadcast: ${label}`, a, divisor, (x, y) => x / y));
    // Comparisons on a coarse grid so that equal values actually occur.
    const ca = { ...a, values: a.values.map((v) => Math.round(v)) };
    const cb = { ...b, values: b.values.map((v) => Math.round(v)) };
    for (const [kernel, test] of comparisons) {
      cases.push(
        binaryCase(kernel, `broadcast: ${label}`, ca, cb, (x, y) => (test(x, y) ? 1 : 0), 'float32', 'bool'),
      );
    }
  });

  // int32 arithmetic keeps int32; comparisons of int32 give bool.
  const ia = { values: [7, -7, 3, 0, 100000, -5], shape: [2, 3] };
  const ib = { values: [2, 2, -3], shape: [3] };
  cases.push(binaryCase('Add', 'int32 stays int32', ia, ib, (x, y) => x + y, 'int32'));
  cases.push(binaryCase('Sub', 'int32 stays int32', ia, ib, (x, y) => x - y, 'int32'));
  cases.push(binaryCase('Mul', 'int32 stays int32', ia, ib, (x, y) => x * y, 'int32'));
  cases.push(binaryCase('Maximum', 'int32 stays int32', ia, ib, Math.max, 'int32'));
  cases.push(binaryCase('Minimum', 'int32 stays int32', ia, ib, Math.min, 'int32'));
  cases.push(binaryCase('Div', 'int32 is floor division', ia, ib, (x, y) => Math.floor(x / y), 'int32'));
  cases.push(
    binaryCase('Less', 'int32 operands give bool', ia, ib, (x, y) => (x < y ? 1 : 0), 'int32', 'bool'),
  );
  cases.push(
    binaryCase('Equal', 'int32 operands give bool', ia, ib, (x, y) => (x === y ? 1 : 0), 'int32', 'bool'),
  );
  cases.push(
    binaryCase(
      'Pow',
      'int32 integer powers',
      { values: [2, -3, 5, 1], shape: [4] },
      { values: [3], shape: [1] },
      (x, y) => x ** y,
      'int32',
    ),
  );

  // Pow: positive bases with real exponents, negative bases with integer exponents (as PyTorch).
  cases.push(
    binaryCase(
      'Pow',
      'positive base, real exponent',
      { values: [0.5, 1, 2, 3.25, 4], shape: [5] },
      { values: [2, -1.5, 0.5, 3, 0], shape: [5] },
      (x, y) => x ** y,
    ),
  );
  cases.push(
    binaryCase(
      'Pow',
      'negative base, integer exponent (broadcast)',
      { values: [-2, -1.5, 3], shape: [3, 1] },
      { values: [2, 3], shape: [2] },
      (x, y) => x ** y,
    ),
  );
  cases.push(
    binaryCase(
      'Pow',
      'rank 4 broadcast',
      operand([2, 1, 2, 1], 3, 0.5, 2),
      operand([1, 3, 1, 2], 4, -2, 2),
      (x, y) => x ** y,
      'float32',
      'float32',
      1e-4,
    ),
  );

  cases.push({
    kernel: 'LogicalAnd',
    name: 'bool truth table with broadcast',
    inputs: { a: t([0, 0, 1, 1], [2, 2], 'bool'), b: t([0, 1], [2], 'bool') },
    expected: t([0, 0, 0, 1], [2, 2], 'bool'),
  });
  cases.push({
    kernel: 'LogicalAnd',
    name: 'scalar against rank 3',
    inputs: { a: t([1], [], 'bool'), b: t([1, 0, 1, 1, 0, 0], [1, 2, 3], 'bool') },
    expected: t([1, 0, 1, 1, 0, 0], [1, 2, 3], 'bool'),
  });
  return cases;
}

const unary: [KernelName, (x: number) => number, number, number][] = [
  ['Neg', (x) => -x, -3, 3],
  ['Abs', Math.abs, -3, 3],
  ['Exp', Math.exp, -4, 4],
  ['Log', Math.log, 0.01, 10],
  ['Sqrt', Math.sqrt, 0, 9],
  ['Reciprocal', (x) => 1 / x, 0.25, 4],
  ['Sign', Math.sign, -2, 2],
  ['Floor', Math.floor, -3, 3],
  ['Tanh', Math.tanh, -3, 3],
];

function unaryCases(): KernelCase[] {
  const cases: KernelCase[] = [];
  const shapes: number[][] = [[], [1], [7], [2, 3], [2, 1, 2, 3]];
  unary.forEach(([kernel, fn, lo, hi], k) => {
    shapes.forEach((shape, s) => {
      const values = pseudoRandom(
        shape.reduce((a, b) => a * b, 1),
        100 * k + s,
        lo,
        hi,
      );
      cases.push({
        kernel,
        name: `shape [${shape.join(', ')}]`,
        inputs: { x: t(values, shape) },
        expected: t(values.map(fn), shape),
      });
    });
  });
  const exact = (kernel: KernelName, xs: number[], ys: number[], name: string): KernelCase => ({
    kernel,
    name,
    inputs: { x: t(xs, [xs.length]) },
    expected: t(ys, [ys.length]),
  });
  cases.push(exact('Sign', [-2.5, 0, 3, -0.001], [-1, 0, 1, -1], 'zero has sign 0'));
  cases.push(exact('Floor', [-1.5, -1, -0.5, 0.5, 2.999], [-2, -1, -1, 0, 2], 'rounds toward -Infinity'));
  cases.push(exact('Abs', [-0, -7.25, 7.25], [0, 7.25, 7.25], 'exact'));
  cases.push(exact('Log', [0, 1], [Number.NEGATIVE_INFINITY, 0], 'special values: log(0) = -Infinity'));
  cases.push(
    exact('Reciprocal', [0, -2], [Number.POSITIVE_INFINITY, -0.5], 'special values: 1/0 = Infinity'),
  );
  cases.push(
    exact('Exp', [-200, 0, 200], [0, 1, Number.POSITIVE_INFINITY], 'special values: float32 under/overflow'),
  );
  cases.push(exact('Tanh', [-50, 50], [-1, 1], 'saturates'));
  return cases;
}

function whereCastSpikeCases(): KernelCase[] {
  return [
    {
      kernel: 'Where',
      name: 'same shapes',
      inputs: {
        condition: t([1, 0, 0, 1], [4], 'bool'),
        a: t([1, 2, 3, 4], [4]),
        b: t([-1, -2, -3, -4], [4]),
      },
      expected: t([1, -2, -3, 4], [4]),
    },
    {
      kernel: 'Where',
      name: 'condition column, a matrix, b scalar',
      inputs: {
        condition: t([1, 0], [2, 1], 'bool'),
        a: t([1, 2, 3, 4, 5, 6], [2, 3]),
        b: t([9], []),
      },
      expected: t([1, 2, 3, 9, 9, 9], [2, 3]),
    },
    {
      kernel: 'Where',
      name: 'int32 branches keep int32, all three broadcast',
      inputs: {
        condition: t([0, 1, 1], [3], 'bool'),
        a: t([10, 20], [2, 1], 'int32'),
        b: t([-5], [1], 'int32'),
      },
      expected: t([-5, 10, 10, -5, 20, 20], [2, 3], 'int32'),
    },
    {
      kernel: 'Cast',
      name: 'float32 -> int32 truncates toward zero',
      inputs: { x: t([-2.7, -1.5, -0.4, 0, 0.9, 1.5, 2.999, 1e6], [8]) },
      attrs: { dtype: 'int32' },
      expected: t([-2, -1, 0, 0, 0, 1, 2, 1000000], [8], 'int32'),
    },
    {
      kernel: 'Cast',
      name: 'float32 -> bool is x !== 0',
      inputs: { x: t([0, -0, 0.5, -3, 1e-30], [5]) },
      attrs: { dtype: 'bool' },
      expected: t([0, 0, 1, 1, 1], [5], 'bool'),
    },
    {
      kernel: 'Cast',
      name: 'int32 -> float32 and shape kept (rank 3)',
      inputs: { x: t([-3, 0, 7, 123456, 1, 2], [1, 2, 3], 'int32') },
      attrs: { dtype: 'float32' },
      expected: t([-3, 0, 7, 123456, 1, 2], [1, 2, 3]),
    },
    {
      kernel: 'Cast',
      name: 'int32 -> bool',
      inputs: { x: t([0, 5, -1], [3], 'int32') },
      attrs: { dtype: 'bool' },
      expected: t([0, 1, 1], [3], 'bool'),
    },
    {
      kernel: 'Cast',
      name: 'bool -> float32 and int32 is 0/1',
      inputs: { x: t([1, 0, 1], [3], 'bool') },
      attrs: { dtype: 'float32' },
      expected: t([1, 0, 1], [3]),
    },
    {
      kernel: 'Cast',
      name: 'bool -> int32 (scalar)',
      inputs: { x: t([1], [], 'bool') },
      attrs: { dtype: 'int32' },
      expected: t([1], [], 'int32'),
    },
    {
      kernel: 'Cast',
      name: 'float32 -> float32 is a copy',
      inputs: { x: t([1.5, -2.25], [2]) },
      attrs: { dtype: 'float32' },
      expected: t([1.5, -2.25], [2]),
    },
    {
      kernel: 'Spike',
      name: 'exclusive: 1 where x > 0 (Norse)',
      inputs: { x: t([-1, -1e-7, 0, -0, 1e-7, 2], [2, 3]) },
      attrs: { inclusive: false },
      expected: t([0, 0, 0, 0, 1, 1], [2, 3]),
      tolerance: 0,
    },
    {
      kernel: 'Spike',
      name: 'inclusive: 1 where x >= 0 (SpikingJelly)',
      inputs: { x: t([-1, -1e-7, 0, -0, 1e-7, 2], [2, 3]) },
      attrs: { inclusive: true },
      expected: t([0, 0, 1, 1, 1, 1], [2, 3]),
      tolerance: 0,
    },
    {
      kernel: 'Spike',
      name: 'scalar and float32 output',
      inputs: { x: t([3], []) },
      attrs: { inclusive: false },
      expected: t([1], []),
      tolerance: 0,
    },
  ];
}

export const elementwiseCases: readonly KernelCase[] = [
  ...binaryCases(),
  ...unaryCases(),
  ...whereCastSpikeCases(),
];

import type { DType } from '../../tensor/tensor-info.js';
import { type KernelCase, t } from '../case-types.js';
import { coords, flat, product, pseudoRandom, range } from '../host-math.js';

/* Sum, Max and ArgMax cases: expected values by a plain loop over coordinates. */

function hostReduce(
  values: readonly number[],
  shape: readonly number[],
  axes: readonly number[],
  keepDims: boolean,
  init: number,
  combine: (acc: number, v: number) => number,
): { values: number[]; shape: number[] } {
  const kept = shape.map((d, k) => (axes.includes(k) ? 1 : d));
  const acc = new Array<number>(product(kept)).fill(init);
  values.forEach((v, i) => {
    const c = coords(i, shape).map((x, k) => (axes.includes(k) ? 0 : x));
    const o = flat(c, kept);
    acc[o] = combine(acc[o], v);
  });
  const outShape = keepDims ? kept : shape.filter((_, k) => !axes.includes(k));
  return { values: acc, shape: outShape };
}

const reductionShapes: [number[], number[]][] = [
  [[5], [0]],
  [[5], []],
  [[2, 3], [0]],
  [[2, 3], [1]],
  [
    [2, 3],
    [0, 1],
  ],
  [[3, 1, 4], [1]],
  [
    [2, 3, 4],
    [0, 2],
  ],
  [
    [2, 3, 2, 2],
    [1, 3],
  ],
  [
    [2, 2, 3, 2],
    [0, 1, 2, 3],
  ],
  [[1], [0]],
  [[], []],
];

function reduceCases(): KernelCase[] {
  const cases: KernelCase[] = [];
  reductionShapes.forEach(([shape, axes], s) => {
    for (const keepDims of [false, true]) {
      const values = pseudoRandom(product(shape), 200 + s, -3, 3);
      const name = `shape [${shape.join(', ')}] axes [${axes.join(', ')}]${keepDims ? ' keepDims' : ''}`;
      const sum = hostReduce(values, shape, axes, keepDims, 0, (a, v) => a + v);
      const max = hostReduce(values, shape, axes, keepDims, Number.NEGATIVE_INFINITY, Math.max);
      cases.push({
        kernel: 'Sum',
        name,
        inputs: { x: t(values, shape) },
        attrs: { axes, keepDims },
        expected: t(sum.values, sum.shape),
      });
      cases.push({
        kernel: 'Max',
        name,
        inputs: { x: t(values, shape) },
        attrs: { axes, keepDims },
        expected: t(max.values, max.shape),
      });
    }
  });
  const intValues = [3, -7, 12, 0, 5, -1];
  for (const dtype of ['int32'] as DType[]) {
    const sum = hostReduce(intValues, [2, 3], [1], false, 0, (a, v) => a + v);
    const max = hostReduce(intValues, [2, 3], [0], true, Number.NEGATIVE_INFINITY, Math.max);
    cases.push({
      kernel: 'Sum',
      name: 'int32 stays int32',
      inputs: { x: t(intValues, [2, 3], dtype) },
      attrs: { axes: [1], keepDims: false },
      expected: t(sum.values, sum.shape, dtype),
    });
    cases.push({
      kernel: 'Max',
      name: 'int32 stays int32',
      inputs: { x: t(intValues, [2, 3], dtype) },
      attrs: { axes: [0], keepDims: true },
      expected: t(max.values, max.shape, dtype),
    });
  }
  cases.push({
    kernel: 'Sum',
    name: 'zero-size axis sums to 0',
    inputs: { x: t([], [2, 0]) },
    attrs: { axes: [1], keepDims: false },
    expected: t([0, 0], [2]),
  });
  cases.push({
    kernel: 'Sum',
    name: 'many terms (accumulation accuracy)',
    inputs: { x: t(new Array(1000).fill(0.1), [1000]) },
    attrs: { axes: [0], keepDims: false },
    expected: t([100.00000149011612], []),
    tolerance: 1e-5,
  });
  cases.push({
    kernel: 'Max',
    name: 'all negative, -Infinity present',
    inputs: { x: t([-5, Number.NEGATIVE_INFINITY, -2, -9], [2, 2]) },
    attrs: { axes: [1], keepDims: false },
    expected: t([-5, -2], [2]),
  });
  return cases;
}

function hostArgMax(values: readonly number[], shape: readonly number[], axis: number) {
  const outShape = shape.filter((_, k) => k !== axis);
  const out = range(product(outShape)).map((o) => {
    const c = coords(o, outShape);
    let best = 0;
    for (let j = 1; j < shape[axis]; j++) {
      const at = (k: number) => flat([...c.slice(0, axis), k, ...c.slice(axis)], shape);
      if (values[at(j)] > values[at(best)]) best = j;
    }
    return best;
  });
  return { values: out, shape: outShape };
}

function argMaxCases(): KernelCase[] {
  const cases: KernelCase[] = [];
  const shapes: [number[], number][] = [
    [[6], 0],
    [[2, 5], 1],
    [[2, 5], 0],
    [[3, 4, 2], 1],
    [[2, 1, 3, 4], 3],
    [[1, 3], 0],
  ];
  shapes.forEach(([shape, axis], s) => {
    const values = pseudoRandom(product(shape), 300 + s, -4, 4).map((v) => Math.round(v));
    const want = hostArgMax(values, shape, axis);
    cases.push({
      kernel: 'ArgMax',
      name: `shape [${shape.join(', ')}] axis ${axis} (ties on a coarse grid)`,
      inputs: { x: t(values, shape) },
      attrs: { axis },
      expected: t(want.values, want.shape, 'int32'),
    });
  });
  cases.push({
    kernel: 'ArgMax',
    name: 'ties pick the first maximum',
    inputs: { x: t([1, 3, 3, 0, 2, 2, 2, 2], [2, 4]) },
    attrs: { axis: 1 },
    expected: t([1, 0], [2], 'int32'),
  });
  cases.push({
    kernel: 'ArgMax',
    name: 'int32 input (column 1 ties between rows 0 and 1)',
    inputs: { x: t([4, 9, -1, 9, 10, 0], [3, 2], 'int32') },
    attrs: { axis: 0 },
    expected: t([2, 0], [2], 'int32'),
  });
  return cases;
}

export const reductionCases: readonly KernelCase[] = [...reduceCases(), ...argMaxCases()];

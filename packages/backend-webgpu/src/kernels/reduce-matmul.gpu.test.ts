import { createTestBackend } from '../test-utils/gpu-backend.js';
import { expectClose, harness, values } from '../test-utils/kernel-harness.js';
import { skipFileUnless } from '../test-utils/requirements.js';
import type { WebGPUBackend } from '../webgpu-backend.js';

skipFileUnless('gpu');

let backend: WebGPUBackend;
beforeAll(async () => {
  backend = await createTestBackend();
});
afterAll(() => backend?.dispose());
const { t, k, read } = harness(() => backend);

/** Host reduction over sorted axes of a row-major array. */
function hostReduce(
  x: Float32Array,
  shape: number[],
  axes: number[],
  init: number,
  f: (a: number, b: number) => number,
) {
  const outShape = shape.map((d, i) => (axes.includes(i) ? 1 : d));
  const out = new Float64Array(outShape.reduce((a, b) => a * b, 1)).fill(init);
  const idx = new Array(shape.length).fill(0);
  for (let i = 0; i < x.length; i++) {
    let o = 0;
    for (let d = 0; d < shape.length; d++) o = o * outShape[d] + (axes.includes(d) ? 0 : idx[d]);
    out[o] = f(out[o], x[i]);
    for (let d = shape.length - 1; d >= 0; d--) {
      if (++idx[d] < shape[d]) break;
      idx[d] = 0;
    }
  }
  return Array.from(out);
}

test.each([
  [[3, 4, 5], [1]],
  [
    [3, 4, 5],
    [0, 2],
  ],
  [
    [3, 4, 5],
    [0, 1, 2],
  ],
  [[200], [0]],
  [[2, 3], []],
])('Sum and Max of %j over %j', async (shape, axes) => {
  const n = shape.reduce((a, b) => a * b, 1);
  const xv = values(n, 7);
  const x = t(xv, shape);
  const s = k('Sum', { x }, { axes, keepDims: false });
  expect(s.shape).toEqual(shape.filter((_, i) => !axes.includes(i)));
  expectClose(
    await read(s),
    hostReduce(xv, shape, axes, 0, (a, b) => a + b),
    1e-5,
  );
  const m = k('Max', { x }, { axes, keepDims: true });
  expect(m.shape).toEqual(shape.map((d, i) => (axes.includes(i) ? 1 : d)));
  expect(await read(m)).toEqual(hostReduce(xv, shape, axes, -Infinity, Math.max));
});

test('Sum of bool and int32 is int32; Max propagates NaN', async () => {
  const s = k('Sum', { x: t([1, 0, 1, 1], [2, 2], 'bool') }, { axes: [1], keepDims: false });
  expect(s.dtype).toBe('int32');
  expect(await read(s)).toEqual([1, 2]);
  expect(await read(k('Sum', { x: t([5, -7, 3], [3], 'int32') }, { axes: [0], keepDims: false }))).toEqual([
    1,
  ]);
  expect(await read(k('Max', { x: t([1, Number.NaN, 3], [3]) }, { axes: [0], keepDims: false }))).toEqual([
    Number.NaN,
  ]);
});

test('ArgMax picks the first maximum', async () => {
  const x = t([1, 5, 5, 2, 9, 0, 9, 3], [2, 4]);
  expect(await read(k('ArgMax', { x }, { axis: 1 }))).toEqual([1, 0]);
  expect(await read(k('ArgMax', { x }, { axis: 0 }))).toEqual([1, 0, 1, 1]);
});

function hostMatMul(
  a: Float32Array,
  b: Float32Array,
  batch: number,
  m: number,
  kk: number,
  n: number,
  ta: boolean,
  tb: boolean,
  aBatched: boolean,
  bBatched: boolean,
) {
  const out = new Float64Array(batch * m * n);
  for (let z = 0; z < batch; z++) {
    const ao = aBatched ? z * m * kk : 0;
    const bo = bBatched ? z * kk * n : 0;
    for (let i = 0; i < m; i++)
      for (let j = 0; j < n; j++) {
        let s = 0;
        for (let p = 0; p < kk; p++)
          s += a[ao + (ta ? p * m + i : i * kk + p)] * b[bo + (tb ? j * kk + p : p * n + j)];
        out[z * m * n + i * n + j] = s;
      }
  }
  return out;
}

test.each([
  [1, 5, 7, 3, false, false],
  [1, 70, 33, 65, false, false],
  [1, 70, 33, 65, true, false],
  [1, 70, 33, 65, false, true],
  [1, 17, 129, 9, true, true],
  [3, 9, 11, 13, false, true],
])('MatMul batch %i, %ix%i x %i, tA %s tB %s', async (batch, m, kk, n, ta, tb) => {
  const av = values(batch * m * kk, 3);
  const bv = values(batch * kk * n, 4);
  const aShape = ta ? [kk, m] : [m, kk];
  const bShape = tb ? [n, kk] : [kk, n];
  const a = t(av, batch > 1 ? [batch, ...aShape] : aShape);
  const b = t(bv, batch > 1 ? [batch, ...bShape] : bShape);
  const out = k('MatMul', { a, b }, { transposeA: ta, transposeB: tb });
  expect(out.shape).toEqual(batch > 1 ? [batch, m, n] : [m, n]);
  expectClose(await read(out), hostMatMul(av, bv, batch, m, kk, n, ta, tb, true, true), 1e-4);
});

test('MatMul broadcasts a batch of 1', async () => {
  const av = values(4 * 3, 5);
  const bv = values(2 * 3 * 2, 6);
  const out = k(
    'MatMul',
    { a: t(av, [1, 4, 3]), b: t(bv, [2, 3, 2]) },
    { transposeA: false, transposeB: false },
  );
  expect(out.shape).toEqual([2, 4, 2]);
  expectClose(await read(out), hostMatMul(av, bv, 2, 4, 3, 2, false, false, false, true), 1e-5);
  expect(() =>
    k('MatMul', { a: t(av, [4, 3]), b: t(av, [4, 3]) }, { transposeA: false, transposeB: false }),
  ).toThrow(/inner dimensions/);
});

import type { BackendValues, DType, KernelName, TensorInfo } from '@snn/core';
import { writeTensorInfo } from '@snn/core/testing';
import { createTestBackend } from '../test-utils/gpu-backend.js';
import { skipFileUnless } from '../test-utils/requirements.js';
import type { WebGPUBackend } from '../webgpu-backend.js';

skipFileUnless('gpu');

let backend: WebGPUBackend;
beforeAll(async () => {
  backend = await createTestBackend();
});
afterAll(() => backend?.dispose());

function t(values: number[], shape: number[], dtype: DType = 'float32'): TensorInfo {
  return writeTensorInfo(backend, values, shape, dtype);
}
// biome-ignore lint/suspicious/noExplicitAny: test helper calling kernels by name
function k(name: KernelName, inputs: any, attrs: any = {}): TensorInfo {
  return (backend.kernels[name] as (i: unknown, a: unknown) => TensorInfo)(inputs, attrs);
}
async function read(x: TensorInfo): Promise<number[]> {
  return Array.from((await backend.read(x.dataId)) as BackendValues);
}

test('adapter is found', () => {
  expect(backend.adapterDescription.length).toBeGreaterThan(0);
});

test('write/read round trips every dtype', async () => {
  expect(await read(t([1.5, -2, 3.25], [3]))).toEqual([1.5, -2, 3.25]);
  expect(await read(t([7, -8, 2147483647], [3], 'int32'))).toEqual([7, -8, 2147483647]);
  const b = t([1, 0, 1], [3], 'bool');
  const v = await backend.read(b.dataId);
  expect(v).toBeInstanceOf(Uint8Array);
  expect(Array.from(v)).toEqual([1, 0, 1]);
});

test('Add broadcasts [2,3] + [3] and [2,1] + [1,3]', async () => {
  const a = t([1, 2, 3, 4, 5, 6], [2, 3]);
  const b = t([10, 20, 30], [3]);
  const out = k('Add', { a, b });
  expect(out.shape).toEqual([2, 3]);
  expect(await read(out)).toEqual([11, 22, 33, 14, 25, 36]);
  const c = t([1, 2], [2, 1]);
  const d = t([10, 20, 30], [1, 3]);
  expect(await read(k('Sub', { a: c, b: d }))).toEqual([-9, -19, -29, -8, -18, -28]);
});

test('float arithmetic, Pow and NaN-propagating Maximum', async () => {
  const a = t([2, -2, 0, 9, Number.NaN], [5]);
  const b = t([3, 3, -1, 0.5, 1], [5]);
  expect(await read(k('Mul', { a, b }))).toEqual([6, -6, -0, 4.5, Number.NaN]);
  const p = await read(k('Pow', { a, b }));
  expect(p.slice(0, 4)).toEqual([8, -8, Number.POSITIVE_INFINITY, 3]);
  expect(p[4]).toBeNaN();
  const m = await read(k('Maximum', { a, b }));
  expect(m).toEqual([3, 3, 0, 9, Number.NaN]);
  expect(await read(k('Pow', { a: t([-8], [1]), b: t([1 / 3], [1]) }))).toEqual([Number.NaN]);
});

test('int32 floor division and zero divisor', async () => {
  const a = t([7, -7, 7, -7, 5], [5], 'int32');
  const b = t([2, 2, -2, -2, 0], [5], 'int32');
  expect(await read(k('Div', { a, b }))).toEqual([3, -4, -4, 3, 0]);
  expect(await read(k('Pow', { a, b }))).toEqual([49, 49, 0, 0, 1]);
});

test('comparisons give bool, mixed dtypes compare as numbers, NaN != NaN', async () => {
  const a = t([1, 2, 3, Number.NaN], [4]);
  const b = t([2, 2, 2, Number.NaN], [4]);
  const g = k('Greater', { a, b });
  expect(g.dtype).toBe('bool');
  expect(await read(g)).toEqual([0, 0, 1, 0]);
  expect(await read(k('NotEqual', { a, b }))).toEqual([1, 0, 1, 1]);
  expect(await read(k('Equal', { a, b }))).toEqual([0, 1, 0, 0]);
  expect(await read(k('LessEqual', { a: t([1, 5], [2], 'int32'), b: t([1.5], [1]) }))).toEqual([1, 0]);
  expect(await read(k('LogicalAnd', { a: t([1, 1, 0], [3], 'bool'), b: t([1, 0, 0], [3], 'bool') }))).toEqual(
    [1, 0, 0],
  );
});

test('unary ops against Math', async () => {
  const xs = [-2.5, -1, -0.25, 0, 0.5, 1, 3, 30];
  const x = t(xs, [8]);
  const cases: [KernelName, (v: number) => number][] = [
    ['Neg', (v) => -v],
    ['Abs', Math.abs],
    ['Exp', Math.exp],
    ['Log', Math.log],
    ['Sqrt', Math.sqrt],
    ['Reciprocal', (v) => 1 / v],
    ['Sign', Math.sign],
    ['Floor', Math.floor],
    ['Tanh', Math.tanh],
  ];
  for (const [name, fn] of cases) {
    const got = await read(k(name, { x }));
    xs.forEach((v, i) => {
      const want = Math.fround(fn(v));
      if (Number.isNaN(want)) expect(got[i]).toBeNaN();
      else if (!Number.isFinite(want)) expect(got[i]).toBe(want);
      else expect(got[i]).toBeCloseTo(want, 5 - Math.max(0, Math.ceil(Math.log10(Math.abs(want) + 1e-30))));
    });
  }
});

test('Where, Cast and Spike', async () => {
  const cond = t([1, 0, 1], [3], 'bool');
  expect(await read(k('Where', { condition: cond, a: t([1, 2, 3], [3]), b: t([-1], [1]) }))).toEqual([
    1, -1, 3,
  ]);
  const x = t([-1.7, -0.0, 0, 2.9, Number.NaN], [5]);
  expect(await read(k('Cast', { x }, { dtype: 'int32' }))).toEqual([-1, 0, 0, 2, 0]);
  expect(await read(k('Cast', { x }, { dtype: 'bool' }))).toEqual([1, 0, 0, 1, 1]);
  expect(await read(k('Cast', { x: cond }, { dtype: 'float32' }))).toEqual([1, 0, 1]);
  expect(await read(k('Cast', { x: t([3, 0], [2], 'int32') }, { dtype: 'bool' }))).toEqual([1, 0]);
  expect(await read(k('Spike', { x }, { inclusive: false }))).toEqual([0, 0, 0, 1, 0]);
  expect(await read(k('Spike', { x }, { inclusive: true }))).toEqual([0, 1, 1, 1, 0]);
});

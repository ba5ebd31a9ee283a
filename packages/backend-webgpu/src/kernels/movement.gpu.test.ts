import { uniformFloat32 } from '@snn/core';
import { createTestBackend } from '../test-utils/gpu-backend.js';
import { harness } from '../test-utils/kernel-harness.js';
import { skipFileUnless } from '../test-utils/requirements.js';
import type { WebGPUBackend } from '../webgpu-backend.js';

skipFileUnless('gpu');

let backend: WebGPUBackend;
beforeAll(async () => {
  backend = await createTestBackend();
});
afterAll(() => backend?.dispose());
const { t, k, read } = harness(() => backend);
const iota = (n: number) => Array.from({ length: n }, (_, i) => i);

test('Transpose [2,3,4] by [2,0,1]', async () => {
  const x = t(iota(24), [2, 3, 4]);
  const out = k('Transpose', { x }, { perm: [2, 0, 1] });
  expect(out.shape).toEqual([4, 2, 3]);
  const want: number[] = [];
  for (let c = 0; c < 4; c++)
    for (let a = 0; a < 2; a++) for (let b = 0; b < 3; b++) want.push(a * 12 + b * 4 + c);
  expect(await read(out)).toEqual(want);
});

test('Slice, Pad (int32 value), BroadcastTo', async () => {
  const x = t(iota(12), [3, 4]);
  expect(await read(k('Slice', { x }, { begin: [1, 1], size: [2, 2] }))).toEqual([5, 6, 9, 10]);
  const xi = t([1, 2, 3, 4], [2, 2], 'int32');
  const p = k(
    'Pad',
    { x: xi },
    {
      paddings: [
        [1, 0],
        [0, 2],
      ],
      value: -1,
    },
  );
  expect(p.shape).toEqual([3, 4]);
  expect(p.dtype).toBe('int32');
  expect(await read(p)).toEqual([-1, -1, -1, -1, 1, 2, -1, -1, 3, 4, -1, -1]);
  const b = k('BroadcastTo', { x: t([1, 2], [2, 1]) }, { shape: [3, 2, 2] });
  expect(await read(b)).toEqual([1, 1, 2, 2, 1, 1, 2, 2, 1, 1, 2, 2]);
  const bb = k('BroadcastTo', { x: t([1, 0], [2], 'bool') }, { shape: [2, 2] });
  expect(await read(bb)).toEqual([1, 0, 1, 0]);
});

test('Concat along axis 0 (buffer copies) and axis 1 (strided)', async () => {
  const a = t([1, 2, 3, 4], [2, 2]);
  const b = t([5, 6], [1, 2]);
  expect(await read(k('Concat', { xs: [a, b] }, { axis: 0 }))).toEqual([1, 2, 3, 4, 5, 6]);
  const c = t([7, 8], [2, 1]);
  const out = k('Concat', { xs: [a, c] }, { axis: 1 });
  expect(out.shape).toEqual([2, 3]);
  expect(await read(out)).toEqual([1, 2, 7, 3, 4, 8]);
});

test('OneHot', async () => {
  const out = k('OneHot', { indices: t([0, 2, 5], [3], 'int32') }, { depth: 3, onValue: 1, offValue: 0 });
  expect(out.shape).toEqual([3, 3]);
  expect(await read(out)).toEqual([1, 0, 0, 0, 0, 1, 0, 0, 0]);
});

test.each([
  [10, 0, 0],
  [1001, 42, 7],
  [37, 2 ** 40 + 3, 2 ** 32 - 2],
])('RandomUniform(size %i, seed %i, offset %i) is bit-exact with core Philox', async (size, seed, offset) => {
  const out = k('RandomUniform', {}, { shape: [size], seed, offset });
  expect(await read(out)).toEqual(Array.from(uniformFloat32(size, seed, offset)));
});

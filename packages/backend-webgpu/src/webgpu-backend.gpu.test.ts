import { DisposedTensorError } from '@snn/core';
import { WebGPUError } from './errors.js';
import { Uniforms } from './program.js';
import { createTestBackend } from './test-utils/gpu-backend.js';
import { harness } from './test-utils/kernel-harness.js';
import { skipFileUnless } from './test-utils/requirements.js';
import { WebGPUBackend } from './webgpu-backend.js';

skipFileUnless('gpu');

let backend: WebGPUBackend;
beforeAll(async () => {
  backend = await createTestBackend();
});
afterAll(() => backend?.dispose());
const { t, k, read } = harness(() => backend);

test('memory counts live buffers and bytes; disposed data is pooled and reused', async () => {
  const before = backend.memory();
  const a = t([1, 2, 3], [3]);
  const b = k('Add', { a, b: a });
  expect(backend.memory()).toEqual({ buffers: before.buffers + 2, bytes: before.bytes + 24 });
  await read(b);
  backend.disposeData(a.dataId);
  backend.disposeData(b.dataId);
  expect(backend.memory()).toEqual(before);
  const created = backend.pool.created;
  const c = t([4, 5, 6], [3]);
  expect(backend.pool.created).toBe(created);
  expect(await read(c)).toEqual([4, 5, 6]);
  backend.disposeData(c.dataId);
});

test('dispatches are batched: a chain of kernels is one submit', async () => {
  let x = t([1, 2], [2]);
  await backend.flush();
  const s0 = { ...backend.stats };
  for (let i = 0; i < 20; i++) x = k('Add', { a: x, b: x });
  expect(backend.stats.dispatches - s0.dispatches).toBe(20);
  expect(backend.stats.submits).toBe(s0.submits);
  expect(await read(x)).toEqual([2 ** 20, 2 ** 21]);
  expect(backend.stats.submits - s0.submits).toBe(1);
});

test('pipelines are compiled once per kernel and dtype, whatever the shapes', async () => {
  k('Mul', { a: t([1], [1]), b: t([2], [1]) });
  const compiled = backend.pipelines.compiled;
  k('Mul', { a: t([1, 2, 3, 4], [2, 2]), b: t([2], [1]) });
  k('Mul', { a: t(new Array(100).fill(1), [10, 10]), b: t(new Array(10).fill(1), [10, 1]) });
  expect(backend.pipelines.compiled).toBe(compiled);
  k('Mul', { a: t([1], [1], 'int32'), b: t([2], [1], 'int32') });
  expect(backend.pipelines.compiled).toBe(compiled + 1);
  await backend.flush();
});

test('a shader that does not compile surfaces as a WebGPUError naming the program on the next read', async () => {
  const out = backend.output([1], 'float32');
  const broken = {
    key: 'Broken:test',
    numInputs: 0,
    numOutputs: 1,
    uniformWords: 4,
    build: () => 'fn main( {',
  };
  backend.run(broken, [], [out], new Uniforms(4), [1, 1, 1]);
  const err = await read(out).catch((e: unknown) => e);
  expect(err).toBeInstanceOf(WebGPUError);
  expect(String(err)).toMatch(/Broken:test/);
  // The error is reported once; the backend keeps working.
  expect(await read(t([3], [1]))).toEqual([3]);
});

test('using disposed data throws DisposedTensorError', () => {
  const a = t([1], [1]);
  backend.disposeData(a.dataId);
  expect(() => k('Neg', { x: a })).toThrow(DisposedTensorError);
});

test('600 dispatches in one batch (uniform arena spills over several buffers) compute the right values', async () => {
  let x = t([1, -1], [2]);
  const one = t([1], [1]);
  await backend.flush();
  const s0 = backend.stats.submits;
  for (let i = 0; i < 600; i++) x = k('Add', { a: x, b: one });
  expect(await read(x)).toEqual([601, 599]);
  expect(backend.stats.submits - s0).toBe(1);
});

test('maxDispatchesPerSubmit bounds a batch', async () => {
  const small = await WebGPUBackend.create({ maxDispatchesPerSubmit: 10 });
  try {
    const h = harness(() => small);
    let x = h.t([0], [1]);
    for (let i = 0; i < 25; i++) x = h.k('Add', { a: x, b: x });
    expect(small.stats.submits).toBe(2);
    expect(await h.read(x)).toEqual([0]);
  } finally {
    small.dispose();
  }
});

test('grids past 65535 workgroups (2-D dispatch): 5M-element Add and a 100k-output Sum', async () => {
  const n = 5_000_000;
  const a = t(
    new Float32Array(n).map((_, i) => i % 1000),
    [n],
  );
  const out = await read(k('Add', { a, b: t([0.5], [1]) }));
  expect(out[0]).toBe(0.5);
  expect(out[n - 1]).toBe(((n - 1) % 1000) + 0.5);
  expect(out[4_321_987]).toBe((4_321_987 % 1000) + 0.5);
  const s = await read(
    k('Sum', { x: t(new Float32Array(200_000).fill(1), [100_000, 2]) }, { axes: [1], keepDims: false }),
  );
  expect(s.length).toBe(100_000);
  expect(s.every((v) => v === 2)).toBe(true);
});

test('a lost device fails later calls with a clear WebGPUError instead of hanging', async () => {
  const doomed = await WebGPUBackend.create();
  const h = harness(() => doomed);
  const x = h.t([1, 2], [2]);
  doomed.device.destroy();
  await expect(h.read(x)).rejects.toThrow(/device lost|destroyed/i);
  expect(() => h.t([1], [1])).toThrow(WebGPUError);
  doomed.dispose();
});

test('write converts a typed array of another kind to the dtype (bool: any non-zero is 1)', async () => {
  const f = backend.write(Int32Array.from([1, -2]), [2], 'float32');
  expect(Array.from(await backend.read(f))).toEqual([1, -2]);
  const b = backend.write(Float32Array.from([0, 2.5, -1]), [3], 'bool');
  expect(Array.from(await backend.read(b))).toEqual([0, 1, 1]);
  expect(() => backend.write(Float32Array.from([1]), [2], 'float32')).toThrow(/1 values for shape \[2\]/);
});

import type { KernelName } from '../../kernels/kernel-signatures.js';
import { REQUIRED_KERNELS } from '../../kernels/kernel-signatures.js';
import type { DType, TensorInfo } from '../../tensor/tensor-info.js';
import { createReferenceBackend } from './reference-backend.js';

const backend = createReferenceBackend();

function t(values: number[], shape: number[], dtype: DType = 'float32'): TensorInfo {
  const array =
    dtype === 'float32'
      ? Float32Array.from(values)
      : dtype === 'int32'
        ? Int32Array.from(values)
        : Uint8Array.from(values);
  return { dataId: backend.write(array, shape, dtype), shape, dtype };
}

function run(name: KernelName, inputs: object, attrs: object = {}): TensorInfo {
  // biome-ignore lint/suspicious/noExplicitAny: generic test driver.
  return (backend.kernels[name] as any)(inputs, attrs) as TensorInfo;
}

const values = (info: TensorInfo) => Array.from(backend.readSync(info.dataId));

describe('ReferenceBackend', () => {
  it('implements every required kernel', () => {
    for (const name of REQUIRED_KERNELS) expect(typeof backend.kernels[name]).toBe('function');
    expect(backend.name).toBe('reference');
    expect(backend.specificationVersion).toBe('v1');
  });

  it('copies on write and on read, and counts memory', () => {
    const before = backend.memory();
    const src = Float32Array.from([1, 2, 3]);
    const id = backend.write(src, [3], 'float32');
    src[0] = 9;
    const read = backend.readSync(id);
    expect(Array.from(read)).toEqual([1, 2, 3]);
    read[1] = 7;
    expect(Array.from(backend.readSync(id))).toEqual([1, 2, 3]);
    expect(backend.memory()).toEqual({ buffers: before.buffers + 1, bytes: before.bytes + 12 });
    backend.disposeData(id);
    expect(backend.memory()).toEqual(before);
    expect(() => backend.readSync(id)).toThrow(/disposed/);
  });

  it('rejects a write whose length does not fill the shape', () => {
    expect(() => backend.write(new Float32Array(5), [2, 3], 'float32')).toThrow(/\[2, 3\]/);
  });

  it('broadcasts binary kernels and names both shapes on mismatch', () => {
    const a = t([1, 2, 3, 4, 5, 6], [2, 3]);
    const b = t([10, 20, 30], [3]);
    expect(values(run('Add', { a, b }))).toEqual([11, 22, 33, 14, 25, 36]);
    expect(() => run('Add', { a, b: t([1, 2], [2]) })).toThrow(/\[2, 3\].*\[2\]/);
  });

  it('multiplies matrices with every transpose combination', () => {
    const a = t([1, 2, 3, 4, 5, 6], [2, 3]);
    const aT = t([1, 4, 2, 5, 3, 6], [3, 2]);
    const b = t([7, 8, 9, 10, 11, 12], [3, 2]);
    const bT = t([7, 9, 11, 8, 10, 12], [2, 3]);
    const expected = [58, 64, 139, 154];
    expect(values(run('MatMul', { a, b }, { transposeA: false, transposeB: false }))).toEqual(expected);
    expect(values(run('MatMul', { a: aT, b }, { transposeA: true, transposeB: false }))).toEqual(expected);
    expect(values(run('MatMul', { a, b: bT }, { transposeA: false, transposeB: true }))).toEqual(expected);
    expect(values(run('MatMul', { a: aT, b: bT }, { transposeA: true, transposeB: true }))).toEqual(expected);
  });
});

import type { BackendValues, DType, KernelName, TensorInfo } from '@snn/core';
import { writeTensorInfo } from '@snn/core/testing';
import type { WebGPUBackend } from '../webgpu-backend.js';

/** Small helpers for GPU kernel tests: write host values, call kernels by name, read results. */
export function harness(getBackend: () => WebGPUBackend) {
  const t = (values: ArrayLike<number>, shape: number[], dtype: DType = 'float32'): TensorInfo =>
    writeTensorInfo(getBackend(), values, shape, dtype);
  const k = (name: KernelName, inputs: object, attrs: object = {}): TensorInfo => {
    const fn = getBackend().kernels[name] as ((i: object, a: object) => TensorInfo) | undefined;
    if (!fn) throw new Error(`kernel ${name} missing`);
    return fn(inputs, attrs);
  };
  const kMulti = (name: KernelName, inputs: object, attrs: object = {}): TensorInfo[] =>
    k(name, inputs, attrs) as unknown as TensorInfo[];
  const read = async (x: TensorInfo): Promise<number[]> =>
    Array.from((await getBackend().read(x.dataId)) as BackendValues);
  return { t, k, kMulti, read };
}

/** Deterministic pseudo-random values in [-1, 1) for test inputs. */
export function values(n: number, seed = 1): Float32Array {
  const out = new Float32Array(n);
  let s = seed >>> 0 || 1;
  for (let i = 0; i < n; i++) {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    out[i] = s / 2 ** 31 - 1;
  }
  return out;
}

export function expectClose(got: ArrayLike<number>, want: ArrayLike<number>, tol = 1e-5): void {
  expect(got.length).toBe(want.length);
  for (let i = 0; i < want.length; i++) {
    const err = Math.abs(got[i] - want[i]);
    if (!(err <= tol * (1 + Math.abs(want[i])))) {
      throw new Error(`element ${i}: got ${got[i]}, want ${want[i]} (tolerance ${tol})`);
    }
  }
}

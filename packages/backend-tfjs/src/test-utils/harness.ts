import type { BackendValues, DType, KernelName, TensorInfo } from '@snn/core';
import { writeTensorInfo } from '@snn/core/testing';
import type { TfjsBackend } from '../tfjs-backend.js';

/** Small helpers to call kernels by name on a backend from tests. */
export function harness(getBackend: () => TfjsBackend) {
  const t = (values: ArrayLike<number>, shape: number[], dtype: DType = 'float32'): TensorInfo =>
    writeTensorInfo(getBackend(), values, shape, dtype);
  // biome-ignore lint/suspicious/noExplicitAny: tests call kernels by name with loose inputs
  const runAll = (name: KernelName, inputs: any, attrs: any = {}): TensorInfo[] => {
    const k = getBackend().kernels[name] as unknown as (i: unknown, a: unknown) => TensorInfo | TensorInfo[];
    if (k == null) throw new Error(`kernel ${name} missing`);
    const out = k(inputs, attrs);
    return Array.isArray(out) ? out : [out];
  };
  // biome-ignore lint/suspicious/noExplicitAny: as above
  const run = (name: KernelName, inputs: any, attrs: any = {}): TensorInfo => runAll(name, inputs, attrs)[0];
  const values = (info: TensorInfo): number[] =>
    Array.from(getBackend().readSync(info.dataId) as BackendValues);
  /** Deterministic pseudo-random values in [-1, 1). */
  const rand = (n: number, seed = 1): number[] => {
    let s = seed * 2654435761;
    return Array.from({ length: n }, () => {
      s = (s * 1103515245 + 12345) % 2147483648;
      return (s / 2147483648) * 2 - 1;
    });
  };
  const expectClose = (got: number[], want: number[], tol = 1e-4) => {
    expect(got.length).toBe(want.length);
    for (let i = 0; i < want.length; i++) {
      if (Math.abs(got[i] - want[i]) > tol * (1 + Math.abs(want[i]))) {
        throw new Error(`element ${i}: got ${got[i]}, want ${want[i]} (tolerance ${tol})`);
      }
    }
  };
  return { t, run, runAll, values, rand, expectClose };
}

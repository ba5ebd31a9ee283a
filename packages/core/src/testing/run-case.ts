import type { KernelBackend } from '../backend/kernel-backend.js';
import type { KernelName } from '../kernels/kernel-signatures.js';
import type { BackendValues, DataId, DType, TensorInfo } from '../tensor/tensor-info.js';
import type { KernelCase, TensorSpec } from './case-types.js';

/*
 * Runs one conformance case through the KernelBackend interface only: write -> kernel -> read.
 * Every failure message names the backend, kernel and case, and what differed.
 */

export const DEFAULT_TOLERANCE = 1e-5;

function typed(spec: TensorSpec): BackendValues {
  const dtype = spec.dtype ?? 'float32';
  const values = spec.values as ArrayLike<number>;
  if (dtype === 'int32') return Int32Array.from(values);
  if (dtype === 'bool') return Uint8Array.from(values, (v) => (v !== 0 ? 1 : 0));
  return Float32Array.from(values);
}

const fmt = (shape: readonly number[]) => `[${shape.join(', ')}]`;

function location(i: number, shape: readonly number[]): string {
  if (shape.length === 0) return '(scalar)';
  const c: number[] = [];
  for (let d = shape.length - 1; d >= 0; d--) {
    c.unshift(i % shape[d]);
    i = Math.floor(i / shape[d]);
  }
  return `at ${fmt(c)}`;
}

/** The first mismatch between got and want, or null. Floats: |got - want| <= tol * (1 + |want|). */
export function firstMismatch(
  got: BackendValues,
  want: BackendValues,
  dtype: DType,
  tolerance: number,
): { index: number; got: number; want: number } | null {
  for (let i = 0; i < want.length; i++) {
    const g = got[i];
    const w = want[i];
    let ok: boolean;
    if (Number.isNaN(w)) ok = Number.isNaN(g);
    else if (dtype !== 'float32' || !Number.isFinite(w)) ok = g === w;
    else ok = Math.abs(g - w) <= tolerance * (1 + Math.abs(w));
    if (!ok) return { index: i, got: g, want: w };
  }
  return null;
}

export async function runKernelCase(
  backend: KernelBackend,
  c: KernelCase,
  toleranceFloor: number,
): Promise<void> {
  const label = `[${backend.name}] ${c.kernel} / ${c.name}`;
  const kernel = backend.kernels[c.kernel as KernelName] as
    | ((inputs: unknown, attrs: unknown) => TensorInfo | TensorInfo[])
    | undefined;
  if (!kernel) throw new Error(`${label}: the backend does not implement ${c.kernel}`);

  const owned: DataId[] = [];
  const originals: { info: TensorInfo; values: BackendValues; name: string }[] = [];
  const write = (spec: TensorSpec, name: string): TensorInfo => {
    const values = typed(spec);
    const dtype = spec.dtype ?? 'float32';
    const dataId = backend.write(values, spec.shape, dtype);
    owned.push(dataId);
    const info = { dataId, shape: [...spec.shape], dtype };
    originals.push({ info, values, name });
    return info;
  };
  try {
    const inputs: Record<string, TensorInfo | TensorInfo[]> = {};
    for (const [name, spec] of Object.entries(c.inputs)) {
      inputs[name] = Array.isArray(spec)
        ? (spec as TensorSpec[]).map((s, k) => write(s, `${name}[${k}]`))
        : write(spec as TensorSpec, name);
    }
    let result: TensorInfo | TensorInfo[];
    try {
      result = kernel(inputs, c.attrs ?? {});
    } catch (e) {
      throw new Error(`${label}: the kernel threw: ${(e as Error).message}`);
    }
    const outputs = Array.isArray(result) ? result : [result];
    for (const out of outputs) owned.push(out.dataId);
    await backend.flush?.();
    const read = await Promise.all(
      outputs.map(async (o) => ({ values: await backend.read(o.dataId), shape: o.shape, dtype: o.dtype })),
    );

    // Kernels must not mutate their inputs.
    for (const { info, values, name } of originals) {
      const now = await backend.read(info.dataId);
      const bad = firstMismatch(now, values, info.dtype, 0);
      if (bad)
        throw new Error(
          `${label}: the kernel modified its input '${name}' ${location(bad.index, info.shape)}`,
        );
    }

    if (c.expected !== undefined) {
      const expected = (Array.isArray(c.expected) ? c.expected : [c.expected]) as TensorSpec[];
      if (outputs.length !== expected.length || Array.isArray(result) !== Array.isArray(c.expected)) {
        throw new Error(
          `${label}: expected ${Array.isArray(c.expected) ? `an array of ${expected.length} outputs` : 'a single output'}, got ${Array.isArray(result) ? `an array of ${outputs.length}` : 'a single output'}`,
        );
      }
      const tolerance = Math.max(c.tolerance ?? DEFAULT_TOLERANCE, toleranceFloor);
      expected.forEach((want, k) => {
        const got = read[k];
        const which = expected.length > 1 ? ` output ${k}` : '';
        const wantDtype = want.dtype ?? 'float32';
        if (fmt(got.shape) !== fmt(want.shape)) {
          throw new Error(`${label}:${which} shape ${fmt(got.shape)}, expected ${fmt(want.shape)}`);
        }
        if (got.dtype !== wantDtype)
          throw new Error(`${label}:${which} dtype ${got.dtype}, expected ${wantDtype}`);
        if (got.values.length !== want.values.length) {
          throw new Error(
            `${label}:${which} read ${got.values.length} values, expected ${want.values.length}`,
          );
        }
        const kind = wantDtype === 'float32' ? Float32Array : wantDtype === 'int32' ? Int32Array : Uint8Array;
        if (!(got.values instanceof kind)) {
          throw new Error(`${label}:${which} read a ${got.values.constructor.name}, expected a ${kind.name}`);
        }
        const bad = firstMismatch(got.values, typed(want), wantDtype, tolerance);
        if (bad) {
          throw new Error(
            `${label}:${which} ${location(bad.index, want.shape)} got ${bad.got}, expected ${bad.want}` +
              (wantDtype === 'float32' ? ` (tolerance ${tolerance} * (1 + |expected|))` : ' (exact)'),
          );
        }
      });
    }
    if (c.check) {
      try {
        c.check(read);
      } catch (e) {
        throw new Error(`${label}: ${(e as Error).message}`);
      }
    }
  } finally {
    for (const id of owned) backend.disposeData(id);
  }
}

/// <reference types="jest" />
// describeConformance defines jest suites; its callers run under jest, whose globals it uses.
import type { BackendFactory, KernelBackend } from '../backend/kernel-backend.js';
import {
  type KernelName,
  OPTIONAL_KERNELS,
  REQUIRED_KERNELS,
  SURROGATE_KERNELS,
} from '../kernels/kernel-signatures.js';
import type { KernelCase } from './case-types.js';
import { conformanceCases } from './cases/index.js';
import { runKernelCase } from './run-case.js';

export interface ConformanceOptions {
  /** Kernels not to test (their cases are reported as skipped). */
  readonly skip?: readonly KernelName[];
  /** Individual cases not to test, as `Kernel / case name` strings or patterns over that text. */
  readonly skipCases?: readonly (string | RegExp)[];
  /** A floor on every float tolerance (for backends with approximate math); cases may ask for more. */
  readonly tolerance?: number;
}

const OPTIONAL = new Set<KernelName>(OPTIONAL_KERNELS);
const APPLIES_SURROGATE = new Set<KernelName>(SURROGATE_KERNELS);

function groupByKernel(cases: readonly KernelCase[]): Map<KernelName, KernelCase[]> {
  const groups = new Map<KernelName, KernelCase[]>();
  for (const c of cases) {
    const list = groups.get(c.kernel) ?? [];
    list.push(c);
    groups.set(c.kernel, list);
  }
  return groups;
}

/**
 * Defines a jest `describe` block that checks a backend against the kernel specification, talking to
 * it only through the KernelBackend interface (write -> kernel -> async read). Every required kernel
 * is tested; optional kernels are tested when the backend implements them (a test per optional
 * kernel it lacks says so and passes: core's decomposition covers it). Use it from a backend's own
 * test file:
 *
 *   describeConformance('webgpu', () => createWebGPUBackend(), { tolerance: 1e-4 });
 */
export function describeConformance(
  name: string,
  factory: BackendFactory,
  opts: ConformanceOptions = {},
): void {
  const skip = new Set(opts.skip ?? []);
  const skipCase = (c: KernelCase) =>
    (opts.skipCases ?? []).some((p) =>
      typeof p === 'string' ? p === `${c.kernel} / ${c.name}` : p.test(`${c.kernel} / ${c.name}`),
    );

  describe(`${name} backend conformance`, () => {
    let backend: KernelBackend | undefined;
    let startError: unknown;

    beforeAll(async () => {
      try {
        backend = await factory();
      } catch (e) {
        startError = e;
      }
    });
    afterAll(() => backend?.dispose?.());

    const get = (): KernelBackend => {
      if (!backend)
        throw new Error(
          `${name} backend did not start: ${String((startError as Error)?.message ?? startError)}`,
        );
      return backend;
    };

    it('starts and declares interface v1 with every required kernel', () => {
      const b = get();
      expect(b.specificationVersion).toBe('v1');
      const missing = REQUIRED_KERNELS.filter((k) => typeof b.kernels[k] !== 'function');
      if (missing.length > 0) throw new Error(`${name} lacks required kernels: ${missing.join(', ')}`);
      const notFunctions = Object.entries(b.kernels).filter(([, f]) => typeof f !== 'function');
      if (notFunctions.length > 0) {
        throw new Error(
          `${name} lists kernels that are not functions: ${notFunctions.map(([k]) => k).join(', ')}`,
        );
      }
      const known = new Set<string>([...REQUIRED_KERNELS, ...OPTIONAL_KERNELS]);
      const unknown = Object.keys(b.kernels).filter((k) => !known.has(k));
      if (unknown.length > 0)
        throw new Error(`${name} declares kernels outside the vocabulary: ${unknown.join(', ')}`);
    });

    it('round-trips every dtype through write/read, including scalars and empty tensors', async () => {
      const b = get();
      const samples = [
        {
          values: Float32Array.from([1.5, -2, 0, 3.25e-8, 1e30, -7]),
          shape: [2, 3],
          dtype: 'float32' as const,
        },
        { values: Int32Array.from([-2147483648, 2147483647, 0, -1]), shape: [4], dtype: 'int32' as const },
        { values: Uint8Array.from([1, 0, 1]), shape: [3, 1], dtype: 'bool' as const },
        { values: Float32Array.from([42]), shape: [], dtype: 'float32' as const },
        { values: new Float32Array(0), shape: [0, 2], dtype: 'float32' as const },
      ];
      for (const s of samples) {
        const id = b.write(s.values, s.shape, s.dtype);
        const source = s.values.slice();
        if (s.values.length > 0) s.values[0] = 99; // the backend must have taken a copy
        const got = await b.read(id);
        b.disposeData(id);
        expect(got.constructor).toBe(source.constructor);
        expect(Array.from(got)).toEqual(Array.from(source));
      }
    });

    it('frees what it is told to dispose (memory() returns to its starting count)', async () => {
      const b = get();
      const before = b.memory().buffers;
      const a = b.write(Float32Array.from([1, 2, 3, 4]), [2, 2], 'float32');
      const info = { dataId: a, shape: [2, 2], dtype: 'float32' as const };
      const sum = b.kernels.Add!({ a: info, b: info }, {});
      const mm = b.kernels.MatMul!({ a: info, b: info }, { transposeA: false, transposeB: true });
      await b.read((sum as { dataId: object }).dataId);
      expect(b.memory().buffers).toBeGreaterThan(before);
      for (const out of [sum, mm]) b.disposeData((out as { dataId: object }).dataId);
      b.disposeData(a);
      expect(b.memory().buffers).toBe(before);
    });

    for (const [kernel, cases] of groupByKernel(conformanceCases)) {
      const optional = OPTIONAL.has(kernel);
      describe(optional ? `${kernel} (optional)` : kernel, () => {
        for (const c of cases) {
          const test = skip.has(kernel) || skipCase(c) ? it.skip : it;
          test(c.name, async () => {
            const b = get();
            // An optional kernel the backend lacks is core's decomposition's job (tested in core).
            if (optional && !b.kernels[kernel]) return;
            // Likewise a surrogate the backend does not run natively (supportsSurrogate).
            const surrogate = (c.attrs as { surrogate?: string } | undefined)?.surrogate;
            if (APPLIES_SURROGATE.has(kernel) && b.supportsSurrogate?.(surrogate as string) !== true) return;
            await runKernelCase(b, c, opts.tolerance ?? 0);
          });
        }
      });
    }
  });
}

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

type TestBody = () => unknown;
type TestFunction = (name: string, body: TestBody) => unknown;

/**
 * The few functions of a test runner the suite defines itself with: jest's and vitest's globals have
 * this shape (the default), mocha's and node:test's too once `afterAll` is mapped to `after`. Nothing
 * here needs a runner's types.
 */
export interface ConformanceTestApi {
  describe(name: string, body: () => void): unknown;
  it: TestFunction & { skip: TestFunction };
  afterAll(body: TestBody): unknown;
}

export interface ConformanceOptions {
  /** Kernels not to test (their cases are reported as skipped). */
  readonly skip?: readonly KernelName[];
  /** Individual cases not to test, as `Kernel / case name` strings or patterns over that text. */
  readonly skipCases?: readonly (string | RegExp)[];
  /** A floor on every float tolerance (for backends with approximate math); cases may ask for more. */
  readonly tolerance?: number;
  /** The test runner's functions (default: the global `describe`, `it` and `afterAll`). */
  readonly api?: ConformanceTestApi;
  /**
   * Register every test as skipped, with this reason, without starting the backend (a machine
   * without the backend's hardware).
   */
  readonly skipAll?: string;
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

function check(ok: boolean, message: string): void {
  if (!ok) throw new Error(message);
}

function globalApi(): ConformanceTestApi {
  const g = globalThis as Partial<ConformanceTestApi>;
  if (typeof g.describe !== 'function' || typeof g.it !== 'function' || typeof g.afterAll !== 'function') {
    throw new Error(
      "describeConformance: no global describe/it/afterAll (jest, vitest); pass your runner's as the `api` option",
    );
  }
  return g as ConformanceTestApi;
}

/**
 * Defines a test suite (`describe` block) that checks a backend against the kernel specification,
 * talking to it only through the KernelBackend interface (write -> kernel -> async read). It starts
 * the backend first, so that what the backend leaves to core is reported as skipped, with the reason,
 * rather than passed: an optional kernel it does not implement, a surrogate it does not run natively
 * (core's decompositions run those, and core's own tests check them). Every required kernel is
 * tested. Await it at the top level of a backend's test file:
 *
 *   await describeConformance('webgpu', () => createWebGPUBackend(), { tolerance: 1e-4 });
 *
 * Failures are plain Errors naming the kernel, the case and the first wrong element; no assertion
 * library or runner types are needed.
 */
export async function describeConformance(
  name: string,
  factory: BackendFactory,
  opts: ConformanceOptions = {},
): Promise<void> {
  const api = opts.api ?? globalApi();
  const skip = new Set(opts.skip ?? []);
  const skipCase = (c: KernelCase) =>
    (opts.skipCases ?? []).some((p) =>
      typeof p === 'string' ? p === `${c.kernel} / ${c.name}` : p.test(`${c.kernel} / ${c.name}`),
    );

  let backend: KernelBackend | undefined;
  let startError: unknown;
  if (opts.skipAll === undefined) {
    try {
      backend = await factory();
    } catch (e) {
      startError = e;
    }
  }
  const get = (): KernelBackend => {
    if (!backend) {
      throw new Error(
        `${name} backend did not start: ${String((startError as Error)?.message ?? startError)}`,
      );
    }
    return backend;
  };
  /** Why a case is not run on this backend, or undefined when it is. */
  const notRun = (c: KernelCase): string | undefined => {
    if (opts.skipAll !== undefined) return opts.skipAll;
    if (skip.has(c.kernel) || skipCase(c)) return 'skipped by the caller';
    if (backend === undefined) return undefined; // runs, and fails saying why the backend did not start
    if (OPTIONAL.has(c.kernel) && typeof backend.kernels[c.kernel] !== 'function') {
      return "not implemented: core's decomposition runs it";
    }
    const surrogate = (c.attrs as { surrogate?: string } | undefined)?.surrogate;
    if (APPLIES_SURROGATE.has(c.kernel) && backend.supportsSurrogate?.(surrogate as string) !== true) {
      return `surrogate '${surrogate}' not native: core's decomposition runs it`;
    }
    return undefined;
  };
  const test = (label: string, reason: string | undefined, body: TestBody) =>
    reason === undefined ? api.it(label, body) : api.it.skip(`${label} [${reason}]`, body);

  api.describe(`${name} backend conformance`, () => {
    api.afterAll(() => backend?.dispose?.());

    test('starts and declares interface v1 with every required kernel', opts.skipAll, () => {
      const b = get();
      check(
        b.specificationVersion === 'v1',
        `${name} declares specificationVersion ${String(b.specificationVersion)}, expected 'v1'`,
      );
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

    test(
      'round-trips every dtype through write/read, including scalars and empty tensors',
      opts.skipAll,
      async () => {
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
          const what = `${s.dtype} [${s.shape.join(', ')}]`;
          check(
            got.constructor === source.constructor,
            `${what}: read gave a ${got.constructor.name}, expected a ${source.constructor.name}`,
          );
          check(
            got.length === source.length && Array.from(got).every((v, k) => Object.is(v, source[k])),
            `${what}: read gave [${Array.from(got).join(', ')}], wrote [${Array.from(source).join(', ')}]`,
          );
        }
      },
    );

    test(
      'frees what it is told to dispose (memory() returns to its starting count)',
      opts.skipAll,
      async () => {
        const b = get();
        const before = b.memory().buffers;
        const a = b.write(Float32Array.from([1, 2, 3, 4]), [2, 2], 'float32');
        const info = { dataId: a, shape: [2, 2], dtype: 'float32' as const };
        const sum = b.kernels.Add!({ a: info, b: info }, {});
        const mm = b.kernels.MatMul!({ a: info, b: info }, { transposeA: false, transposeB: true });
        await b.read((sum as { dataId: object }).dataId);
        check(
          b.memory().buffers > before,
          `memory().buffers did not grow (${before}) with three live buffers`,
        );
        for (const out of [sum, mm]) b.disposeData((out as { dataId: object }).dataId);
        b.disposeData(a);
        check(
          b.memory().buffers === before,
          `memory().buffers is ${b.memory().buffers} after disposing, was ${before}`,
        );
      },
    );

    for (const [kernel, cases] of groupByKernel(conformanceCases)) {
      const optional = OPTIONAL.has(kernel);
      api.describe(optional ? `${kernel} (optional)` : kernel, () => {
        for (const c of cases) {
          test(c.name, notRun(c), async () => {
            await runKernelCase(get(), c, opts.tolerance ?? 0);
          });
        }
      });
    }
  });
}

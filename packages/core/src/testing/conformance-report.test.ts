import type { KernelBackend } from '../backend/kernel-backend.js';
import { ReferenceBackend } from '../backend/reference/reference-backend.js';
import { OPTIONAL_KERNELS, REQUIRED_KERNELS, SURROGATE_KERNELS } from '../kernels/kernel-signatures.js';
import { conformanceCases } from './cases/index.js';
import { type ConformanceTestApi, describeConformance } from './conformance.js';

/*
 * What a backend leaves to core is reported as skipped, with the reason, never as passed; the suite
 * runs under any runner given as `api` (here a recorder, no jest globals involved).
 */

interface Recorded {
  readonly name: string;
  readonly skipped: boolean;
  readonly body: () => unknown;
}

function recorder(): { api: ConformanceTestApi; tests: Recorded[]; cleanups: (() => unknown)[] } {
  const tests: Recorded[] = [];
  const cleanups: (() => unknown)[] = [];
  const path: string[] = [];
  const add = (skipped: boolean) => (name: string, body: () => unknown) => {
    tests.push({ name: [...path, name].join(' > '), skipped, body });
  };
  const api: ConformanceTestApi = {
    describe: (name, body) => {
      path.push(name);
      body();
      path.pop();
    },
    it: Object.assign(add(false), { skip: add(true) }),
    afterAll: (body) => {
      cleanups.push(body);
    },
  };
  return { api, tests, cleanups };
}

/** The reference backend with only the required kernels; `native` decides which surrogates it runs. */
function requiredOnly(native: (name: string) => boolean): KernelBackend {
  const store = new ReferenceBackend();
  return {
    specificationVersion: 'v1',
    name: 'required-only',
    kernels: Object.fromEntries(REQUIRED_KERNELS.map((k) => [k, store.kernels[k]])),
    write: (v, s, d) => store.write(v, s, d),
    read: (id) => store.read(id),
    readSync: (id) => store.readSync(id),
    disposeData: (id) => store.disposeData(id),
    memory: () => store.memory(),
    supportsSurrogate: native,
  };
}

describe('describeConformance reports', () => {
  it("a missing optional kernel as skipped (core's decomposition runs it), each required case as run", async () => {
    const { api, tests } = recorder();
    await describeConformance('required-only', () => requiredOnly(() => true), { api });
    const optional = new Set<string>(OPTIONAL_KERNELS);
    const cases = tests.filter((t) => !t.name.includes('starts') && !/round-trips|frees/.test(t.name));
    expect(cases).toHaveLength(conformanceCases.length);
    for (const t of cases) {
      const kernel = t.name.split(' > ')[1].replace(' (optional)', '');
      expect({ name: t.name, skipped: t.skipped }).toEqual({ name: t.name, skipped: optional.has(kernel) });
      if (t.skipped) expect(t.name).toMatch(/\[not implemented: core's decomposition runs it\]$/);
    }
    // The cases that run pass on it.
    for (const t of tests.filter((x) => !x.skipped)) await t.body();
    expect(tests.filter((t) => !t.skipped).length).toBeGreaterThan(100);
  });

  it('a surrogate the backend does not run natively as skipped, naming it', async () => {
    const { api, tests } = recorder();
    const full = new ReferenceBackend();
    const backend = Object.assign(Object.create(Object.getPrototypeOf(full)), full, {
      supportsSurrogate: (name: string) => name !== 'atan',
    }) as KernelBackend;
    await describeConformance('no native atan', () => backend, { api });
    const surrogateKernels = new Set<string>(SURROGATE_KERNELS);
    const atan = conformanceCases.filter(
      (c) => surrogateKernels.has(c.kernel) && (c.attrs as { surrogate?: string }).surrogate === 'atan',
    );
    expect(atan.length).toBeGreaterThan(0);
    const skipped = tests.filter((t) => t.skipped);
    expect(skipped).toHaveLength(atan.length);
    for (const t of skipped)
      expect(t.name).toMatch(/\[surrogate 'atan' not native: core's decomposition runs it\]$/);
  });

  it('everything as skipped, without starting the backend, given skipAll', async () => {
    const { api, tests } = recorder();
    let started = false;
    await describeConformance(
      'absent',
      () => {
        started = true;
        return requiredOnly(() => true);
      },
      { api, skipAll: 'no adapter on this machine' },
    );
    expect(started).toBe(false);
    expect(tests.every((t) => t.skipped && t.name.endsWith('[no adapter on this machine]'))).toBe(true);
  });
});

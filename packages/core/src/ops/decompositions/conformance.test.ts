import type { KernelBackend } from '../../backend/kernel-backend.js';
import { ReferenceBackend } from '../../backend/reference/reference-backend.js';
import { dispose, registerBackend, runKernel, setBackend, type Tensor, tensor, tidy } from '../../index.js';
import { type KernelName, OPTIONAL_KERNELS, REQUIRED_KERNELS } from '../../kernels/kernel-signatures.js';
import { expectNorseRecurrentFixture } from '../../neuron/test-utils/norse-recurrent.js';
import type { TensorInfo } from '../../tensor/tensor-info.js';
import { lifLikeLossAndGrads } from '../../testing/backend-workloads.js';
import { describeConformance } from '../../testing/conformance.js';

/*
 * A backend that implements ONLY the required kernels is complete: every optional kernel runs as
 * core's decomposition. Proved two ways: the whole conformance suite passes with each optional
 * kernel answered by the engine's decomposition on a required-only backend, and a recurrent SNN
 * (Norse fixture) and a training workload reproduce on it.
 */

const store = new ReferenceBackend();

/** The reference backend's storage and required kernels only. */
const requiredOnly: KernelBackend = {
  specificationVersion: 'v1',
  name: 'required-only',
  kernels: Object.fromEntries(REQUIRED_KERNELS.map((k) => [k, store.kernels[k]])),
  write: (v, s, d) => store.write(v, s, d),
  read: (id) => store.read(id),
  readSync: (id) => store.readSync(id),
  disposeData: (id) => store.disposeData(id),
  memory: () => store.memory(),
};

/** An optional kernel answered by runKernel on the required-only backend (so: by the decomposition). */
function throughEngine(name: KernelName) {
  return (inputs: Record<string, TensorInfo | TensorInfo[]>, attrs: object) => {
    const made: Tensor[] = [];
    const wrap = (info: TensorInfo) => {
      const t = tensor(store.readSync(info.dataId), info.shape, info.dtype);
      made.push(t);
      return t;
    };
    const tensors = Object.fromEntries(
      Object.entries(inputs).map(([k, v]) => [k, Array.isArray(v) ? v.map(wrap) : wrap(v)]),
    );
    const out = tidy(() => runKernel(name, tensors as never, attrs as never) as Tensor | Tensor[]);
    const list = Array.isArray(out) ? out : [out];
    const infos = list.map((t) => ({
      dataId: store.write(t.dataSync(), t.shape, t.dtype),
      shape: [...t.shape],
      dtype: t.dtype,
    }));
    dispose([...list, ...made]);
    return Array.isArray(out) ? infos : infos[0];
  };
}

const decomposing: KernelBackend = {
  ...requiredOnly,
  name: 'decompositions',
  kernels: {
    ...requiredOnly.kernels,
    ...Object.fromEntries(OPTIONAL_KERNELS.map((k) => [k, throughEngine(k)])),
  },
  // The decomposition handles every surrogate.
  supportsSurrogate: () => true,
};

registerBackend('required-only', () => requiredOnly, -10);

beforeAll(() => setBackend('required-only'));
afterAll(() => setBackend('reference'));

test(`a new backend implements ${REQUIRED_KERNELS.length} kernels; ${OPTIONAL_KERNELS.length} more are optional`, () => {
  expect(REQUIRED_KERNELS).toHaveLength(25);
  expect(new Set([...REQUIRED_KERNELS, ...OPTIONAL_KERNELS]).size).toBe(
    REQUIRED_KERNELS.length + OPTIONAL_KERNELS.length,
  );
});

await describeConformance('core decompositions on a required-only backend', () => decomposing);

test("Norse's recurrent SNN fixture reproduces on a required-only backend", async () => {
  await setBackend('required-only');
  await expectNorseRecurrentFixture();
});

test('a training workload equals the reference backend on a required-only backend', async () => {
  const want = await lifLikeLossAndGrads('reference');
  const got = await lifLikeLossAndGrads('required-only');
  expect(got.loss).toBeCloseTo(want.loss, 6);
  expect(got.g1.every((g, k) => Math.abs(g - want.g1[k]) <= 1e-6 + 1e-5 * Math.abs(want.g1[k]))).toBe(true);
  await setBackend('required-only');
});

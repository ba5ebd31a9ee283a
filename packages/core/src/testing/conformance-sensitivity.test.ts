import type { KernelBackend } from '../backend/kernel-backend.js';
import { createReferenceBackend } from '../backend/reference/reference-backend.js';
import type { KernelName, KernelTable } from '../kernels/kernel-signatures.js';
import type { TensorInfo } from '../tensor/tensor-info.js';
import { conformanceCases } from './cases/index.js';
import { runKernelCase } from './run-case.js';

/*
 * The suite must be able to fail: each plausible bug below, injected into one kernel of an otherwise
 * correct backend, has to be rejected by at least one case of that kernel.
 */

type AnyKernel = (
  inputs: Record<string, TensorInfo>,
  attrs: Record<string, unknown>,
) => TensorInfo | TensorInfo[];

function mutant(
  kernel: KernelName,
  wrap: (original: AnyKernel, backend: KernelBackend) => AnyKernel,
): KernelBackend {
  const backend = createReferenceBackend();
  const kernels = { ...backend.kernels } as Record<string, AnyKernel>;
  kernels[kernel] = wrap(kernels[kernel], backend);
  return Object.assign(Object.create(Object.getPrototypeOf(backend)), backend, {
    kernels: kernels as KernelTable,
  });
}

/** Rewrites the values of one output of a kernel (the bug), keeping shape and dtype. */
function perturbOutput(
  index: number,
  edit: (v: Float32Array | Int32Array | Uint8Array, attrs: Record<string, unknown>) => void,
) {
  return (original: AnyKernel, backend: KernelBackend): AnyKernel =>
    (inputs, attrs) => {
      const result = original(inputs, attrs);
      const outs = Array.isArray(result) ? result : [result];
      const out = outs[index];
      const values = backend.readSync!(out.dataId);
      edit(values, attrs);
      const replaced = { ...out, dataId: backend.write(values, out.shape, out.dtype) };
      backend.disposeData(out.dataId);
      const copy = [...outs];
      copy[index] = replaced;
      return Array.isArray(result) ? copy : replaced;
    };
}

const swapInputs =
  (a: string, b: string) =>
  (original: AnyKernel): AnyKernel =>
  (inputs, attrs) =>
    original({ ...inputs, [a]: inputs[b], [b]: inputs[a] }, attrs);

const mutations: [string, KernelName, (original: AnyKernel, backend: KernelBackend) => AnyKernel][] = [
  ['Sub computes b - a', 'Sub', swapInputs('a', 'b')],
  ['Div computes b / a', 'Div', swapInputs('a', 'b')],
  ['Spike ignores inclusive', 'Spike', (k) => (i, a) => k(i, { ...a, inclusive: false })],
  [
    'Cast to int32 rounds',
    'Cast',
    perturbOutput(0, (v, a) => {
      if (a.dtype === 'int32' && v.length > 3) v[1] = -2;
    }),
  ],
  [
    'MatMul ignores transposeB',
    'MatMul',
    (k) => (i, a) => {
      try {
        return k(i, { ...a, transposeB: false });
      } catch {
        return k(i, a);
      }
    },
  ],
  [
    'RandomUniform offset off by one block',
    'RandomUniform',
    (k) => (i, a) => k(i, { ...a, offset: (a.offset as number) + 1 }),
  ],
  [
    'Sum loses the last element',
    'Sum',
    perturbOutput(0, (v) => {
      if (v.length > 0) v[v.length - 1] += 0.5;
    }),
  ],
  [
    'ArgMax picks the last tie',
    'ArgMax',
    perturbOutput(0, (v) => {
      if (v.length === 2 && v[0] === 1) v[0] = 2;
    }),
  ],
  ['Pad fills with 0 regardless of value', 'Pad', (k) => (i, a) => k(i, { ...a, value: 0 })],
  [
    'Conv2D swaps pad order',
    'Conv2D',
    (k) => (i, a) => {
      const [t, b, l, r] = a.pads as number[];
      try {
        return k(i, { ...a, pads: [l, r, t, b] });
      } catch {
        return k(i, a);
      }
    },
  ],
  [
    'MaxPoolGrad drops a tie',
    'MaxPoolGrad',
    perturbOutput(0, (v) => {
      if (v.length === 9) v[1] = 0;
    }),
  ],
  ['LIFSequence never resets', 'LIFSequence', (k) => (i, a) => k(i, { ...a, vReset: 0.5 })],
  [
    'LIFSequenceGrad uses the wrong surrogate',
    'LIFSequenceGrad',
    (k) => (i, a) => k(i, { ...a, surrogate: a.surrogate === 'atan' ? 'sigmoid' : 'atan' }),
  ],
  ['LISequenceGrad swaps dv and di', 'LISequenceGrad', swapInputs('dv', 'di')],
  ['AdamUpdate skips bias correction', 'AdamUpdate', (k) => (i, a) => k(i, { ...a, step: 1000 })],
  ['SGDUpdate ignores nesterov', 'SGDUpdate', (k) => (i, a) => k(i, { ...a, nesterov: false })],
  [
    'SpikeGrad uses straight-through',
    'SpikeGrad',
    (k) => (i, a) => k(i, { ...a, surrogate: 'straightThrough' }),
  ],
  [
    'LogSoftmax forgets the log-sum',
    'LogSoftmax',
    perturbOutput(0, (v) => {
      for (let j = 0; j < v.length; j++) v[j] += 0.01;
    }),
  ],
];

describe('the conformance suite rejects broken kernels', () => {
  it.each(mutations)('%s', async (_label, kernel, wrap) => {
    const backend = mutant(kernel, wrap);
    const cases = conformanceCases.filter((c) => c.kernel === kernel);
    expect(cases.length).toBeGreaterThan(0);
    const failures: string[] = [];
    for (const c of cases) {
      try {
        await runKernelCase(backend, c, 0);
      } catch (e) {
        failures.push((e as Error).message);
      }
    }
    expect(failures.length).toBeGreaterThan(0);
    // Messages name the backend, the kernel and the case.
    expect(failures[0]).toMatch(new RegExp(`^\\[reference\\] ${kernel} / `));
  });

  it('passes every case on the unbroken reference backend', async () => {
    const backend = createReferenceBackend();
    for (const c of conformanceCases) await runKernelCase(backend, c, 0);
    expect(backend.memory().buffers).toBe(0);
  });
});

import type { BackendValues, DType, KernelName } from '@snn/core';
import { conformanceCases, runKernelCase } from '@snn/core/testing';
import * as tf from '@tensorflow/tfjs-core';
import { createTfjsBackend, type TfjsBackend } from './tfjs-backend.js';

/*
 * tfjs's own tensor count, not just ours: every conformance case (write -> kernel -> read -> dispose)
 * must leave tf.memory().numTensors where it found it, so no kernel leaks an intermediate or keeps
 * a tensor alive past disposeData. Once as written, and once with every input a view: its data
 * written with a leading axis of 1 and handed to the kernel with the case's shape, as core passes a
 * reshape (metadata only), e.g. a fused neuron step's [1, ...] output seen as one step's [...]:
 * then the values are checked too (the conformance suite passes inputs as written only).
 */

/** The backend, but every write stores [1, ...shape]: runKernelCase then passes views of it. */
function viewingInputs(be: TfjsBackend): TfjsBackend {
  const write = (values: BackendValues, shape: readonly number[], dtype: DType) =>
    be.write(values, [1, ...shape], dtype);
  return Object.create(be, { write: { value: write } });
}

for (const [kind, inputs] of [
  ['cpu', 'as written'],
  ['wasm', 'as written'],
  ['cpu', 'viewed with another shape'],
  ['wasm', 'viewed with another shape'],
] as const) {
  test(`tfjs-${kind}: no kernel leaves a tfjs tensor behind (inputs ${inputs})`, async () => {
    const created: TfjsBackend = await createTfjsBackend({ tfBackend: kind });
    const be = inputs === 'as written' ? created : viewingInputs(created);
    const before = tf.memory().numTensors;
    const problems: string[] = [];
    let ran = 0;
    for (const c of conformanceCases) {
      if (be.kernels[c.kernel as KernelName] == null) continue;
      const start = tf.memory().numTensors;
      try {
        await runKernelCase(be, c, 1e-4);
      } catch (e) {
        // Values as written are the conformance suite's business; views it never passes.
        if (inputs !== 'as written') problems.push(`${c.kernel} / ${c.name}: ${(e as Error).message}`);
      }
      ran++;
      const left = tf.memory().numTensors - start;
      if (left !== 0) problems.push(`${c.kernel} / ${c.name}: ${left}`);
    }
    expect(ran).toBeGreaterThan(300);
    expect(problems).toEqual([]);
    expect(tf.memory().numTensors).toBe(before);
    expect(created.memory()).toEqual({ buffers: 0, bytes: 0 });
  });
}

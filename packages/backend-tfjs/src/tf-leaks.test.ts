import type { KernelName } from '@snn/core';
import { conformanceCases, runKernelCase } from '@snn/core/testing';
import * as tf from '@tensorflow/tfjs-core';
import { createTfjsBackend, type TfjsBackend } from './tfjs-backend.js';

/*
 * tfjs's own tensor count, not just ours: every conformance case (write -> kernel -> read -> dispose)
 * must leave tf.memory().numTensors where it found it, so no kernel leaks an intermediate or keeps
 * a tensor alive past disposeData.
 */

for (const kind of ['cpu', 'wasm'] as const) {
  test(`tfjs-${kind}: no kernel leaves a tfjs tensor behind`, async () => {
    const be: TfjsBackend = await createTfjsBackend({ tfBackend: kind });
    const before = tf.memory().numTensors;
    const leaks: string[] = [];
    let ran = 0;
    for (const c of conformanceCases) {
      if (be.kernels[c.kernel as KernelName] == null) continue;
      const start = tf.memory().numTensors;
      try {
        await runKernelCase(be, c, 1e-4);
      } catch {
        // Values are the conformance suite's business; only the count matters here.
      }
      ran++;
      const left = tf.memory().numTensors - start;
      if (left !== 0) leaks.push(`${c.kernel} / ${c.name}: ${left}`);
    }
    expect(ran).toBeGreaterThan(300);
    expect(leaks).toEqual([]);
    expect(tf.memory().numTensors).toBe(before);
    expect(be.memory()).toEqual({ buffers: 0, bytes: 0 });
  });
}

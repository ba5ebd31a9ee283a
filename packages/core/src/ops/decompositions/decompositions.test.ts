import { hasKernel, memory, mul, runKernel, spike, type Tensor, tensor, tidy } from '../../index.js';
import { checkDecomposition } from '../../testing/grad-check.js';

/*
 * Core's decompositions agree with the reference backend's native optional kernels (which are
 * written independently, as direct loops). Float32 on both sides; tolerances stated per case.
 */

function data(shape: number[], seed: number, lo = -1, hi = 1): Tensor {
  const n = shape.reduce((a, b) => a * b, 1);
  return tensor(
    Array.from(
      { length: n },
      (_, i) => lo + (hi - lo) * (Math.abs(Math.sin(seed * 91.7 + i * 12.9898) * 43758.5453) % 1),
    ),
    shape,
  );
}

/** Values on a coarse grid, so pooling windows contain ties (the "first maximum" rule matters). */
function tied(shape: number[], seed: number): Tensor {
  const n = shape.reduce((a, b) => a * b, 1);
  return tensor(
    Array.from({ length: n }, (_, i) => Math.floor(Math.abs(Math.sin(seed + i * 3.1)) * 3) / 2),
    shape,
  );
}

const conv = [
  { x: [2, 3, 6, 6], w: [4, 3, 3, 3], strides: [1, 1], pads: [0, 0, 0, 0] },
  { x: [1, 2, 7, 5], w: [3, 2, 3, 2], strides: [2, 1], pads: [1, 1, 0, 1] },
  { x: [2, 1, 8, 8], w: [2, 1, 5, 5], strides: [2, 2], pads: [2, 2, 2, 2] },
  { x: [1, 4, 4, 4], w: [2, 4, 1, 1], strides: [3, 3], pads: [0, 0, 0, 0] },
] as const;

describe('decompositions agree with native kernels', () => {
  test('the reference backend has the optional kernels natively (else nothing would be compared)', () => {
    for (const k of ['Conv2D', 'MaxPool', 'LogSoftmax', 'AdamUpdate', 'SGDUpdate'] as const) {
      expect(hasKernel(k)).toBe(true);
    }
  });

  test.each(conv)('Conv2D and both backprops: x %j', async (c) => {
    const x = data([...c.x], 1);
    const w = data([...c.w], 2);
    const strides = c.strides as [number, number];
    const pads = c.pads as [number, number, number, number];
    const fwd = await checkDecomposition('Conv2D', { x, w }, { strides, pads }, { atol: 1e-5 });
    expect(fwd.native).toBe(true);
    const outShape = tidy(() => [...runKernel('Conv2D', { x, w }, { strides, pads }).shape]);
    const dy = data(outShape, 3);
    await checkDecomposition(
      'Conv2DBackpropInput',
      { dy, w },
      { xShape: c.x as unknown as [number, number, number, number], strides, pads },
      { atol: 1e-5 },
    );
    await checkDecomposition(
      'Conv2DBackpropFilter',
      { x, dy },
      { wShape: c.w as unknown as [number, number, number, number], strides, pads },
      { atol: 1e-5 },
    );
  });

  test.each([
    { x: [1, 2, 6, 6], kernel: [2, 2], strides: [2, 2], pads: [0, 0, 0, 0] },
    { x: [2, 1, 5, 7], kernel: [3, 3], strides: [2, 2], pads: [1, 1, 1, 1] },
    { x: [1, 1, 5, 5], kernel: [3, 2], strides: [1, 2], pads: [1, 0, 0, 1] },
  ])('MaxPool and MaxPoolGrad with ties: %j', async (c) => {
    const attrs = {
      kernel: c.kernel as [number, number],
      strides: c.strides as [number, number],
      pads: c.pads as [number, number, number, number],
    };
    for (const x of [data(c.x, 4), tied(c.x, 5)]) {
      await checkDecomposition('MaxPool', { x }, attrs, { atol: 0, rtol: 0 });
      const outShape = tidy(() => [...runKernel('MaxPool', { x }, attrs).shape]);
      await checkDecomposition('MaxPoolGrad', { dy: data(outShape, 6), x }, attrs, { atol: 1e-6 });
    }
  });

  test('LogSoftmax (large logits), SpikeMatMul', async () => {
    const x = tidy(() => mul(data([3, 5], 7), 40));
    await checkDecomposition('LogSoftmax', { x }, { axis: 1 }, { atol: 2e-5 });
    await checkDecomposition('LogSoftmax', { x }, { axis: 0 }, { atol: 2e-5 });
    const s = spike(data([4, 6], 8));
    await checkDecomposition(
      'SpikeMatMul',
      { a: s, b: data([6, 3], 9) },
      { transposeA: false, transposeB: false },
    );
    await checkDecomposition(
      'SpikeMatMul',
      { a: spike(data([6, 4], 10)), b: data([3, 6], 11) },
      { transposeA: true, transposeB: true },
    );
  });

  test('AdamUpdate and SGDUpdate (all variants)', async () => {
    const param = data([5], 12);
    const grad = data([5], 13);
    const m = data([5], 14, -0.1, 0.1);
    const v = data([5], 15, 0, 0.01);
    for (const step of [1, 7]) {
      for (const weightDecay of [0, 0.01]) {
        await checkDecomposition(
          'AdamUpdate',
          { param, grad, m, v },
          { lr: 1e-3, beta1: 0.9, beta2: 0.999, eps: 1e-8, weightDecay, step },
          { atol: 1e-6 },
        );
      }
    }
    const buf = data([5], 16);
    for (const [momentum, dampening, nesterov, firstStep] of [
      [0, 0, false, false],
      [0.9, 0, false, true],
      [0.9, 0.1, false, false],
      [0.9, 0, true, false],
    ] as const) {
      await checkDecomposition(
        'SGDUpdate',
        { param, grad, buf },
        { lr: 0.1, momentum, dampening, nesterov, weightDecay: 0.001, firstStep },
        { atol: 1e-6 },
      );
    }
  });

  test('checkDecomposition frees what it made', async () => {
    const x = data([2, 3], 17);
    const before = memory();
    await checkDecomposition('LogSoftmax', { x }, { axis: 1 });
    expect(memory().numTensors).toBe(before.numTensors);
  });
});

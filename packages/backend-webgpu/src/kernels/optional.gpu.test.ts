import { type BackendValues, createReferenceBackend, type KernelName, type TensorInfo } from '@snn/core';
import { createTestBackend } from '../test-utils/gpu-backend.js';
import { expectClose, values } from '../test-utils/kernel-harness.js';
import { skipFileUnless } from '../test-utils/requirements.js';
import type { WebGPUBackend } from '../webgpu-backend.js';

skipFileUnless('gpu');

/*
 * Every optional kernel against core's reference backend on the same inputs: the two must agree
 * (the reference computes in float64, so a float32 tolerance).
 */
let gpu: WebGPUBackend;
const ref = createReferenceBackend();
beforeAll(async () => {
  gpu = await createTestBackend();
});
afterAll(() => gpu?.dispose());

type Spec = { shape: number[]; values?: ArrayLike<number> };

async function compare(name: KernelName, inputs: Record<string, Spec>, attrs: object, tol = 1e-4) {
  const mk = (b: { write: WebGPUBackend['write'] }) =>
    Object.fromEntries(
      Object.entries(inputs).map(([k, s], i) => {
        const n = s.shape.reduce((a, c) => a * c, 1);
        const v = Float32Array.from(s.values ?? values(n, 11 + i));
        return [
          k,
          { dataId: b.write(v, s.shape, 'float32'), shape: s.shape, dtype: 'float32' } as TensorInfo,
        ];
      }),
    );
  const call = (b: WebGPUBackend | typeof ref) =>
    (b.kernels[name] as (i: object, a: object) => TensorInfo | TensorInfo[])(mk(b), attrs);
  const want = [call(ref)].flat();
  const got = [call(gpu)].flat();
  expect(got.length).toBe(want.length);
  for (let i = 0; i < want.length; i++) {
    expect(got[i].shape).toEqual(want[i].shape);
    expectClose(
      (await gpu.read(got[i].dataId)) as BackendValues,
      (await ref.read(want[i].dataId)) as BackendValues,
      tol,
    );
  }
}

const lif = {
  tauSynInv: 200,
  tauMemInv: 100,
  vLeak: 0,
  vTh: 0.05,
  vReset: -0.02,
  dt: 0.001,
  alpha: 100,
  detachReset: false,
};

test('LogSoftmax over the last and a middle axis', async () => {
  await compare('LogSoftmax', { x: { shape: [4, 10] } }, { axis: 1 });
  await compare('LogSoftmax', { x: { shape: [3, 5, 2] } }, { axis: 1 });
});

test.each(['superspike', 'atan', 'sigmoid', 'fastSigmoid', 'triangle', 'straightThrough'])(
  'SpikeGrad with %s',
  async (surrogate) => {
    await compare('SpikeGrad', { dy: { shape: [6, 7] }, x: { shape: [6, 7] } }, { surrogate, alpha: 4 });
  },
);

test('LIFSequence and LIFSequenceGrad over T = 12 in one dispatch each', async () => {
  // Inputs large enough to make neurons spike.
  const x = Array.from(values(12 * 33, 5), (v) => v * 20 + 8);
  const before = gpu.stats.dispatches;
  await compare(
    'LIFSequence',
    { x: { shape: [12, 3, 11], values: x }, v0: { shape: [3, 11] }, i0: { shape: [3, 11] } },
    lif,
  );
  expect(gpu.stats.dispatches - before).toBe(1);
  const z = new Float32Array(12 * 33).map((_, i) => (i % 3 === 0 ? 1 : 0));
  const vd = Array.from(values(12 * 33, 9), (v) => v * 0.1);
  for (const [surrogate, detachReset] of ['superspike', 'atan'].flatMap((s) =>
    [false, true].map((d) => [s, d] as const),
  )) {
    await compare(
      'LIFSequenceGrad',
      {
        z: { shape: [12, 33], values: z },
        vDecayed: { shape: [12, 33], values: vd },
        dz: { shape: [12, 33] },
        dv: { shape: [12, 33] },
        di: { shape: [12, 33] },
      },
      { ...lif, surrogate, detachReset },
    );
  }
});

test('LISequence and LISequenceGrad', async () => {
  const attrs = { tauSynInv: 200, tauMemInv: 100, vLeak: 0, dt: 0.001 };
  await compare('LISequence', { x: { shape: [9, 20] }, v0: { shape: [20] }, i0: { shape: [20] } }, attrs);
  await compare('LISequenceGrad', { dv: { shape: [9, 4, 5] }, di: { shape: [9, 4, 5] } }, attrs);
});

test('AdamUpdate and SGDUpdate (momentum, nesterov, first step, no momentum)', async () => {
  const s = { shape: [5, 7] };
  await compare(
    'AdamUpdate',
    { param: s, grad: s, m: s, v: { shape: [5, 7], values: values(35, 3).map(Math.abs) } },
    { lr: 0.01, beta1: 0.9, beta2: 0.999, eps: 1e-8, weightDecay: 0.01, step: 3 },
  );
  for (const [momentum, nesterov, firstStep] of [
    [0.9, false, false],
    [0.9, true, true],
    [0, false, false],
  ] as const) {
    await compare(
      'SGDUpdate',
      { param: s, grad: s, buf: s },
      { lr: 0.1, momentum, dampening: 0.1, nesterov, weightDecay: 0.001, firstStep },
    );
  }
});

test.each([
  [
    [2, 3, 7, 6],
    [4, 3, 3, 3],
    [1, 1],
    [0, 0, 0, 0],
  ],
  [
    [1, 2, 8, 8],
    [3, 2, 3, 2],
    [2, 1],
    [1, 0, 2, 1],
  ],
  [
    [2, 1, 5, 5],
    [2, 1, 5, 5],
    [1, 1],
    [2, 2, 2, 2],
  ],
])('Conv2D and both backprops: x %j w %j strides %j pads %j', async (xShape, wShape, strides, pads) => {
  const attrs = { strides, pads };
  await compare('Conv2D', { x: { shape: xShape }, w: { shape: wShape } }, attrs);
  const ho = Math.floor((xShape[2] + pads[0] + pads[1] - wShape[2]) / strides[0]) + 1;
  const wo = Math.floor((xShape[3] + pads[2] + pads[3] - wShape[3]) / strides[1]) + 1;
  const yShape = [xShape[0], wShape[0], ho, wo];
  await compare('Conv2DBackpropInput', { dy: { shape: yShape }, w: { shape: wShape } }, { ...attrs, xShape });
  await compare(
    'Conv2DBackpropFilter',
    { x: { shape: xShape }, dy: { shape: yShape } },
    { ...attrs, wShape },
  );
});

test.each([
  [
    [2, 3, 6, 6],
    [2, 2],
    [2, 2],
    [0, 0, 0, 0],
  ],
  [
    [1, 2, 7, 5],
    [3, 3],
    [2, 1],
    [1, 1, 1, 0],
  ],
])('MaxPool and MaxPoolGrad: x %j kernel %j strides %j pads %j', async (xShape, kernel, strides, pads) => {
  // Repeated values make ties, which both backends must break the same way.
  const n = xShape.reduce((a, b) => a * b, 1);
  const x = Array.from(values(n, 2), (v) => Math.round(v * 3));
  await compare('MaxPool', { x: { shape: xShape, values: x } }, { kernel, strides, pads });
  const ho = Math.floor((xShape[2] + pads[0] + pads[1] - kernel[0]) / strides[0]) + 1;
  const wo = Math.floor((xShape[3] + pads[2] + pads[3] - kernel[1]) / strides[1]) + 1;
  await compare(
    'MaxPoolGrad',
    { dy: { shape: [xShape[0], xShape[1], ho, wo] }, x: { shape: xShape, values: x } },
    { kernel, strides, pads },
  );
});

test.each([
  [[6, 13], [13, 5], false, false],
  [[13, 6], [5, 13], true, true],
  [[2, 6, 13], [2, 13, 5], false, false],
  [[1, 6, 13], [3, 5, 13], false, true],
])(
  'SpikeMatMul a %j b %j tA %s tB %s equals MatMul on spikes',
  async (aShape, bShape, transposeA, transposeB) => {
    const n = aShape.reduce((p, q) => p * q, 1);
    const spikes = Array.from(values(n, 8), (v) => (v > 0.6 ? 1 : 0));
    await compare(
      'SpikeMatMul',
      { a: { shape: aShape, values: spikes }, b: { shape: bShape } },
      { transposeA, transposeB },
      1e-5,
    );
  },
);

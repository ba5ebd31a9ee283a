import type { TensorInfo } from '@snn/core';
import { expectClose } from '@snn/core/testing';
import { createWasmBackend, type WasmBackend } from './wasm-backend.js';

/*
 * The event-driven kernels against the dense ones on spike inputs, at 1 and 2 threads. Where both sum
 * each output's terms in the same order (a product with K <= 256, the GEMM's K block; a convolution
 * with C*kh*kw <= 256) the results are equal bit for bit; otherwise equal within float32 rounding.
 */

let seed = 1;
const rand = () => {
  seed = (seed * 1103515245 + 12345) % 2147483648;
  return seed / 2147483648;
};

describe.each([1, 2])('%i thread(s)', (threads) => {
  let b: WasmBackend;
  beforeAll(async () => {
    b = await createWasmBackend({ threads, parallelMin: 0, spikeDensityCutover: 1 });
  });
  afterAll(() => b.dispose());

  const write = (values: Float32Array, shape: number[]): TensorInfo => ({
    dataId: b.write(values, shape, 'float32'),
    shape,
    dtype: 'float32',
  });
  const spikes = (shape: number[], p: number) =>
    write(
      Float32Array.from({ length: shape.reduce((x, y) => x * y, 1) }, () => (rand() < p ? 1 : 0)),
      shape,
    );
  const dense = (shape: number[]) =>
    write(
      Float32Array.from({ length: shape.reduce((x, y) => x * y, 1) }, () => rand() * 2 - 1),
      shape,
    );
  const read = (t: TensorInfo) => Array.from(b.readSync(t.dataId) as Float32Array);

  test.each([
    [96, 200, 24, 0.05],
    [64, 256, 40, 0.3],
    [33, 70, 9, 0.5],
    [128, 784, 100, 0.03],
    [40, 1000, 10, 0.15],
  ])('SpikeMatMul [%i x %i] x [%i], density %f, all transpose cases', (M, K, N, p) => {
    for (const [transposeA, transposeB] of [
      [false, false],
      [false, true],
      [true, false],
      [true, true],
    ]) {
      const a = spikes(transposeA ? [K, M] : [M, K], p);
      const w = dense(transposeB ? [N, K] : [K, N]);
      const attrs = { transposeA, transposeB };
      const event = b.kernels.SpikeMatMul!({ a, b: w }, attrs) as TensorInfo;
      const plain = b.kernels.MatMul!({ a, b: w }, attrs) as TensorInfo;
      if (K <= 256) expect(read(event)).toEqual(read(plain));
      else expectClose(read(event), read(plain), `SpikeMatMul ${JSON.stringify(attrs)}`, 1e-5, 1e-6);
      // The cached lists serve a second product of the same spikes.
      const again = b.kernels.SpikeMatMul!({ a, b: w }, attrs) as TensorInfo;
      expect(read(again)).toEqual(read(event));
      for (const t of [a, w, event, plain, again]) b.disposeData(t.dataId);
    }
  });

  test('SpikeMatMul falls back to the dense kernel for values other than 0 and 1', () => {
    const a = write(Float32Array.from([1, 0, 0.5, 1, 0, 0]), [2, 3]);
    const w = dense([3, 4]);
    const got = read(
      b.kernels.SpikeMatMul!({ a, b: w }, { transposeA: false, transposeB: false }) as TensorInfo,
    );
    const want = read(b.kernels.MatMul!({ a, b: w }, { transposeA: false, transposeB: false }) as TensorInfo);
    expect(got).toEqual(want);
  });

  test.each([
    ['conv1 geometry (C*kh*kw 25: equal bits)', [6, 1, 28, 28], [20, 1, 5, 5], [1, 1], [0, 0, 0, 0], 0.03],
    ['conv2 geometry', [4, 20, 12, 12], [50, 20, 5, 5], [1, 1], [0, 0, 0, 0], 0.15],
    ['padded, stride 2', [3, 3, 9, 11], [5, 3, 3, 3], [2, 2], [1, 1, 2, 0], 0.4],
    ['stride (2, 1)', [2, 4, 8, 8], [3, 4, 3, 2], [2, 1], [0, 1, 1, 1], 0.2],
  ] as const)('Conv2D and Conv2DBackpropFilter on spikes: %s', (_name, xShape, wShape, strides, pads, p) => {
    const x = spikes([...xShape], p);
    const w = dense([...wShape]);
    const attrs = {
      strides: [...strides] as [number, number],
      pads: [...pads] as [number, number, number, number],
    };
    const plain = b.kernels.Conv2D!({ x, w }, attrs) as TensorInfo;
    const event = b.kernels.Conv2D!({ x, w }, { ...attrs, spikeInput: true }) as TensorInfo;
    const exact = xShape[1] * wShape[2] * wShape[3] <= 256;
    if (exact) expect(read(event)).toEqual(read(plain));
    else expectClose(read(event), read(plain), 'Conv2D', 1e-5, 1e-6);
    const dy = dense([...plain.shape]);
    const fAttrs = { ...attrs, wShape: [...wShape] as [number, number, number, number] };
    const dwPlain = b.kernels.Conv2DBackpropFilter!({ x, dy }, fAttrs) as TensorInfo;
    const dwEvent = b.kernels.Conv2DBackpropFilter!({ x, dy }, { ...fAttrs, spikeInput: true }) as TensorInfo;
    expectClose(read(dwEvent), read(dwPlain), 'Conv2DBackpropFilter', 1e-5, 1e-5);
  });
});

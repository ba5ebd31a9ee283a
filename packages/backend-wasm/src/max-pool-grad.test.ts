import { createReferenceBackend, type KernelBackend, type TensorInfo } from '@snn/core';
import { createWasmBackend, type WasmBackend } from './wasm-backend.js';

/*
 * MaxPoolGrad's 2x2 stride-2 unpadded path (csrc/pool.c: the windows tile the plane, so each input is
 * written once) against the reference backend, bit for bit, at 1 and 2 threads: odd planes (the last
 * row and column belong to no window), ties (the first row-major maximum takes dy), NaN (wins its
 * window), -Infinity and -0 in dy (0 + -0 is +0, as the accumulating path gives).
 */

let seed = 7;
const rand = () => {
  seed = (seed * 1103515245 + 12345) % 2147483648;
  return seed / 2147483648;
};
/** Few distinct values, so windows often tie; now and then NaN or -Infinity. */
const pixel = () => {
  const r = rand();
  if (r < 0.03) return Number.NaN;
  if (r < 0.06) return Number.NEGATIVE_INFINITY;
  return Math.floor(rand() * 3);
};
const gradient = () => (rand() < 0.1 ? -0 : rand() * 2 - 1);

function run(b: KernelBackend, x: Float32Array, dy: Float32Array, xShape: number[], yShape: number[]) {
  const info = (values: Float32Array, shape: number[]): TensorInfo => ({
    dataId: b.write(values, shape, 'float32'),
    shape,
    dtype: 'float32',
  });
  const attrs = { kernel: [2, 2], strides: [2, 2], pads: [0, 0, 0, 0] } as const;
  const dx = b.kernels.MaxPoolGrad!({ dy: info(dy, yShape), x: info(x, xShape) }, attrs) as TensorInfo;
  return Array.from(b.readSync!(dx.dataId) as Float32Array);
}

describe.each([1, 2])('MaxPoolGrad 2x2 stride 2 at %i thread(s)', (threads) => {
  let wasm: WasmBackend;
  const reference = createReferenceBackend();
  beforeAll(async () => {
    wasm = await createWasmBackend({ threads, parallelMin: 0 });
  });
  afterAll(() => wasm.dispose());

  test.each([[[3, 4, 24, 24]], [[2, 3, 5, 7]], [[1, 2, 9, 4]], [[5, 1, 3, 3]]])(
    'x %j equals the reference bit for bit',
    (xShape) => {
      const [n, c, h, w] = xShape;
      const yShape = [n, c, Math.floor(h / 2), Math.floor(w / 2)];
      const x = Float32Array.from({ length: n * c * h * w }, pixel);
      const dy = Float32Array.from({ length: yShape.reduce((p, q) => p * q, 1) }, gradient);
      const ours = run(wasm, x, dy, xShape, yShape);
      const expected = run(reference, x, dy, xShape, yShape);
      expect(ours.map((v) => Object.is(v, -0))).toEqual(expected.map((v) => Object.is(v, -0)));
      expect(ours).toEqual(expected);
    },
  );
});

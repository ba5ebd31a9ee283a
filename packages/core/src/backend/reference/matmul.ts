import { matMulShape } from '../../kernels/shape-utils.js';
import type { TensorInfo } from '../../tensor/tensor-info.js';
import type { ReferenceStore } from './store.js';

/**
 * Batched MatMul shared by the MatMul and SpikeMatMul kernels. Each output row is accumulated in
 * float64 and rounded once. Loop order follows memory: i-k-j when b's rows are contiguous
 * (no transposeB), i-j-k dot products when b is transposed (its rows are then the columns we need).
 * `skipZeros` skips a(i, k) === 0 terms, the event-driven path for spike inputs (the result is the
 * same except that 0 * Infinity/NaN in b is not propagated).
 */
export function batchedMatMul(
  store: ReferenceStore,
  a: TensorInfo,
  b: TensorInfo,
  transposeA: boolean,
  transposeB: boolean,
  skipZeros: boolean,
): TensorInfo {
  const av = store.getFloat(a);
  const bv = store.getFloat(b);
  const shape = matMulShape(a.shape, b.shape, transposeA, transposeB);
  const r = a.shape.length;
  const [m, n] = [shape[r - 2], shape[r - 1]];
  const k = transposeA ? a.shape[r - 2] : a.shape[r - 1];
  const batch = r === 3 ? shape[0] : 1;
  const aBatchStride = r === 3 && a.shape[0] !== 1 ? m * k : 0;
  const bBatchStride = r === 3 && b.shape[0] !== 1 ? k * n : 0;
  // Element strides of a(i, p) and b(p, j) in their stored layouts.
  const [aRow, aCol] = transposeA ? [1, m] : [k, 1];
  const [bRow, bCol] = transposeB ? [1, k] : [n, 1];
  const out = new Float32Array(batch * m * n);
  const acc = new Float64Array(n);
  for (let bi = 0; bi < batch; bi++) {
    const aBase = bi * aBatchStride;
    const bBase = bi * bBatchStride;
    for (let i = 0; i < m; i++) {
      acc.fill(0);
      if (!transposeB) {
        for (let p = 0; p < k; p++) {
          const aip = av[aBase + i * aRow + p * aCol];
          if (skipZeros && aip === 0) continue;
          const bRowBase = bBase + p * bRow;
          for (let j = 0; j < n; j++) acc[j] += aip * bv[bRowBase + j];
        }
      } else {
        for (let j = 0; j < n; j++) {
          let sum = 0;
          const bColBase = bBase + j * bCol;
          for (let p = 0; p < k; p++) {
            const aip = av[aBase + i * aRow + p * aCol];
            if (skipZeros && aip === 0) continue;
            sum += aip * bv[bColBase + p];
          }
          acc[j] = sum;
        }
      }
      out.set(acc, (bi * m + i) * n);
    }
  }
  return store.output(out, shape, 'float32');
}

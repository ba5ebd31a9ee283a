import { matMulShape } from '@snn/core';
import { ELEMENTWISE_WG, elementwiseMain, grid, header, type Program, Uniforms } from '../program.js';
import type { WebGPUKernel } from './kernel.js';

/*
 * Event-driven MatMul for a = spikes (mostly zeros): pass 1 lists, per row of a, the k where
 * a[m, k] != 0; pass 2 computes each output as the sum over that list of a[m, k] * b[k, n], so the
 * work scales with the number of spikes instead of K (MNIST through Norse's encoder is ~3 % spikes).
 * Non-binary values are still multiplied in, so the result equals MatMul for any a.
 * Uniform words: 0 M, 1 N, 2 K, 3 batch, 4 aBatchStride, 5 aRowStride, 6 aColStride,
 * 7 bBatchStride, 8 bRowStride (k), 9 bColStride (n), 10 aBatches (1 or batch).
 */
const WORDS = 12;

const A_AT = `fn a_at(z: u32, m: u32, k: u32) -> f32 { return a[z * pu(4u) + m * pu(5u) + k * pu(6u)]; }`;

const COMPACT: Program = {
  key: 'SpikeMatMulCompact:float32',
  numInputs: 1,
  numOutputs: 2,
  uniformWords: WORDS,
  build: () => `${header(
    [{ name: 'a', type: 'f32' }],
    [
      { name: 'hits', type: 'u32' },
      { name: 'counts', type: 'u32' },
    ],
    WORDS,
  )}
${A_AT}
${elementwiseMain(`  let M = pu(0u);
  let K = pu(2u);
  if (idx >= pu(10u) * M) { return; }
  let z = idx / M;
  let m = idx % M;
  var c = 0u;
  for (var k = 0u; k < K; k++) {
    if (a_at(z, m, k) != 0.0) {
      hits[idx * K + c] = k;
      c++;
    }
  }
  counts[idx] = c;`)}`,
};

const GATHER: Program = {
  key: 'SpikeMatMulGather:float32',
  numInputs: 4,
  numOutputs: 1,
  uniformWords: WORDS,
  build: () => `${header(
    [
      { name: 'a', type: 'f32' },
      { name: 'b', type: 'f32' },
      { name: 'hits', type: 'u32' },
      { name: 'counts', type: 'u32' },
    ],
    [{ name: 'out', type: 'f32' }],
    WORDS,
  )}
${A_AT}
${elementwiseMain(`  let M = pu(0u);
  let N = pu(1u);
  let K = pu(2u);
  if (idx >= pu(3u) * M * N) { return; }
  let n = idx % N;
  let m = (idx / N) % M;
  let z = idx / (M * N);
  let za = select(z, 0u, pu(10u) == 1u);
  let row = za * M + m;
  let bBase = z * pu(7u) + n * pu(9u);
  let bRS = pu(8u);
  var acc = 0.0;
  for (var c = 0u; c < counts[row]; c++) {
    let k = hits[row * K + c];
    acc += a_at(za, m, k) * b[bBase + k * bRS];
  }
  out[idx] = acc;`)}`,
};

export const SpikeMatMul: WebGPUKernel<'SpikeMatMul'> = (backend, { a, b }, { transposeA, transposeB }) => {
  const outShape = matMulShape(a.shape, b.shape, transposeA, transposeB);
  const r = a.shape.length;
  const [M, N] = outShape.slice(-2);
  const K = transposeA ? a.shape[r - 2] : a.shape[r - 1];
  const batch = r === 3 ? outShape[0] : 1;
  const aBatches = r === 3 ? a.shape[0] : 1;
  const [aRows, aCols] = a.shape.slice(-2);
  const [bRows, bCols] = b.shape.slice(-2);
  const out = backend.output(outShape, 'float32');
  if (M * N === 0) return out;
  const u = new Uniforms(WORDS)
    .u(0, M)
    .u(1, N)
    .u(2, K)
    .u(3, batch)
    .u(4, aBatches > 1 ? aRows * aCols : 0)
    .u(5, transposeA ? 1 : aCols)
    .u(6, transposeA ? aCols : 1)
    .u(7, r === 3 && b.shape[0] > 1 ? bRows * bCols : 0)
    .u(8, transposeB ? 1 : bCols)
    .u(9, transposeB ? bCols : 1)
    .u(10, aBatches);
  // Scratch lists: freed right after encoding; the pool hands them out again only after this batch.
  const active = backend.output([aBatches * M * Math.max(K, 1)], 'int32');
  const counts = backend.output([aBatches * M], 'int32');
  backend.run(COMPACT, [a], [active, counts], u, grid(Math.ceil((aBatches * M) / ELEMENTWISE_WG)));
  backend.run(GATHER, [a, b, active, counts], [out], u, grid(Math.ceil((batch * M * N) / ELEMENTWISE_WG)));
  backend.disposeData(active.dataId);
  backend.disposeData(counts.dataId);
  return out;
};

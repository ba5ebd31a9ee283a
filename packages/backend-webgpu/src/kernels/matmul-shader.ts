import { matMulShape, type TensorInfo } from '@snn/core';
import { header, type Program, Uniforms } from '../program.js';
import type { WebGPUBackend } from '../webgpu-backend.js';

/*
 * Tiled MatMul: a workgroup of 16x16 threads computes a 64x64 output tile, each thread a 4x4 block
 * held in registers; the K dimension advances 16 at a time through shared-memory tiles of A and B.
 * Transposes and batch broadcasting are only strides in the uniforms, so one pipeline serves all.
 * Uniform words: 0 M, 1 N, 2 K, 3 unused, 4 aBatchStride, 5 aRowStride (m), 6 aColStride (k),
 * 7 bBatchStride, 8 bRowStride (k), 9 bColStride (n).
 */
const WORDS = 12;
const TILE = 64;

export const MATMUL_PROGRAM: Program = {
  key: 'MatMul:float32',
  numInputs: 2,
  numOutputs: 1,
  uniformWords: WORDS,
  build: () => `${header(
    [
      { name: 'a', type: 'f32' },
      { name: 'b', type: 'f32' },
    ],
    [{ name: 'out', type: 'f32' }],
    WORDS,
  )}
var<workgroup> As: array<f32, 1024>; // [16 k][64 rows]
var<workgroup> Bs: array<f32, 1024>; // [16 k][64 cols]
@compute @workgroup_size(16, 16)
fn main(@builtin(local_invocation_id) lid: vec3<u32>, @builtin(workgroup_id) wid: vec3<u32>) {
  let M = pu(0u);
  let N = pu(1u);
  let K = pu(2u);
  let aBase = wid.z * pu(4u);
  let bBase = wid.z * pu(7u);
  let aRS = pu(5u);
  let aCS = pu(6u);
  let bRS = pu(8u);
  let bCS = pu(9u);
  let row0 = wid.y * ${TILE}u;
  let col0 = wid.x * ${TILE}u;
  let tid = lid.y * 16u + lid.x;
  var acc: array<vec4<f32>, 4>;
  for (var i = 0u; i < 4u; i++) { acc[i] = vec4<f32>(0.0); }
  for (var k0 = 0u; k0 < K; k0 += 16u) {
    for (var i = 0u; i < 4u; i++) {
      let e = tid + i * 256u;
      let ar = e / 16u;
      let ak = e % 16u;
      let gm = row0 + ar;
      let gk = k0 + ak;
      var av = 0.0;
      if (gm < M && gk < K) { av = a[aBase + gm * aRS + gk * aCS]; }
      As[ak * 64u + ar] = av;
      let bc = e % 64u;
      let bk = e / 64u;
      let gn = col0 + bc;
      let gkb = k0 + bk;
      var bv = 0.0;
      if (gn < N && gkb < K) { bv = b[bBase + gkb * bRS + gn * bCS]; }
      Bs[bk * 64u + bc] = bv;
    }
    workgroupBarrier();
    for (var kk = 0u; kk < 16u; kk++) {
      let ao = kk * 64u + lid.y * 4u;
      let bo = kk * 64u + lid.x * 4u;
      let bv = vec4<f32>(Bs[bo], Bs[bo + 1u], Bs[bo + 2u], Bs[bo + 3u]);
      acc[0] += As[ao] * bv;
      acc[1] += As[ao + 1u] * bv;
      acc[2] += As[ao + 2u] * bv;
      acc[3] += As[ao + 3u] * bv;
    }
    workgroupBarrier();
  }
  let outBase = wid.z * M * N;
  for (var i = 0u; i < 4u; i++) {
    let r = row0 + lid.y * 4u + i;
    if (r < M) {
      for (var j = 0u; j < 4u; j++) {
        let c = col0 + lid.x * 4u + j;
        if (c < N) { out[outBase + r * N + c] = acc[i][j]; }
      }
    }
  }
}`,
};

/** a x b with optional transposes, rank 2 or 3 (batch sizes equal or 1). */
export function matMul(
  backend: WebGPUBackend,
  program: Program,
  a: TensorInfo,
  b: TensorInfo,
  transposeA: boolean,
  transposeB: boolean,
): TensorInfo {
  const outShape = matMulShape(a.shape, b.shape, transposeA, transposeB);
  const r = a.shape.length;
  const [M, N] = outShape.slice(-2);
  const K = transposeA ? a.shape[r - 2] : a.shape[r - 1];
  const batch = r === 3 ? outShape[0] : 1;
  const aRows = a.shape[r - 2];
  const aCols = a.shape[r - 1];
  const bRows = b.shape[r - 2];
  const bCols = b.shape[r - 1];
  const out = backend.output(outShape, 'float32');
  if (M * N === 0) return out;
  const u = new Uniforms(WORDS)
    .u(0, M)
    .u(1, N)
    .u(2, K)
    .u(4, r === 3 && a.shape[0] > 1 ? aRows * aCols : 0)
    .u(5, transposeA ? 1 : aCols)
    .u(6, transposeA ? aCols : 1)
    .u(7, r === 3 && b.shape[0] > 1 ? bRows * bCols : 0)
    .u(8, transposeB ? 1 : bCols)
    .u(9, transposeB ? bCols : 1);
  backend.run(program, [a, b], [out], u, [Math.ceil(N / TILE), Math.ceil(M / TILE), batch]);
  return out;
}

import type { WasmKernel } from './kernel.js';
import { denseMatMul, matMulGeometry } from './MatMul.js';
import { spikeIndex, transposedOf } from './spike-index.js';

/**
 * MatMul whose `a` holds spikes. Event-driven when a is rank 2, binary and sparse enough
 * (csrc/spike.c): with a [M, K], each output row adds up the rows of op(b) named by the ones of its
 * row of a (gather); with a transposed (a [K, M], a weight gradient x^T dy), each row k of b is added
 * into the output rows named by the ones of a's row k (scatter), from the same cached lists as the
 * forward product of that a. Terms are summed in ascending k, as a naive dense loop. Otherwise
 * (denser than the cut-over, not binary, batched) the dense GEMM: same result within float32 rounding.
 */
export const SpikeMatMul: WasmKernel<'SpikeMatMul'> = ({ a, b }, { transposeA, transposeB }, ctx) => {
  const g = matMulGeometry(a, b, transposeA, transposeB);
  if (a.shape.length !== 2 || g.M * g.N * g.K === 0) {
    return denseMatMul(ctx, a, b, transposeA, transposeB, 'SpikeMatMul', g);
  }
  // A cached index serves without the dense values (which may not be written yet: pendingWrite).
  const [listCount, listWidth] = transposeA ? [g.K, g.M] : [g.M, g.K];
  const cached = ctx.peek(a, 'SpikeMatMul').spikeIndex?.get(`${listCount}x${listWidth}`);
  const lists =
    cached !== undefined && cached !== null && cached.idx >= 0
      ? cached
      : spikeIndex(ctx, ctx.data(a, 'SpikeMatMul'), listCount, listWidth);
  if (lists === null || lists === 'dense') {
    return denseMatMul(ctx, a, b, transposeA, transposeB, 'SpikeMatMul', g);
  }
  const db = ctx.data(b, 'SpikeMatMul');
  const { info, data } = ctx.output(g.shape, 'float32', 'SpikeMatMul');
  // Both walk rows of op(b) = [K, N]: a transposed b (a Linear weight [N, K]) is transposed once
  // per weight value and cached, since one weight serves every time step.
  const rows = transposeB ? transposedOf(ctx, db, g.N, g.K) : db.ptr;
  const work = lists.nnz * g.N + g.M * g.N;
  if (transposeA) {
    ctx.rt.call('snn_spike_scatter_rows', work, lists.ptr, lists.idx, rows, data.ptr, g.K, g.M, g.N);
  } else {
    ctx.rt.call('snn_spike_gather_rows', work, lists.ptr, lists.idx, rows, data.ptr, g.M, g.N);
  }
  return info;
};

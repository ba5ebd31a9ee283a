import type { WasmKernel } from './kernel.js';
import { denseMatMul, matMulGeometry } from './MatMul.js';
import { spikeIndex } from './spike-index.js';

/**
 * MatMul whose `a` holds spikes. Event-driven when a is rank 2, binary and sparse enough: each output
 * row adds up the rows of op(b) named by the ones of its row of op(a) (csrc/spike.c), in ascending
 * order, as a naive dense loop would. Otherwise (denser than the cut-over, not binary, batched) the
 * dense GEMM: same result within float32 rounding.
 */
export const SpikeMatMul: WasmKernel<'SpikeMatMul'> = ({ a, b }, { transposeA, transposeB }, ctx) => {
  const g = matMulGeometry(a, b, transposeA, transposeB, 'SpikeMatMul');
  if (a.shape.length !== 2 || g.M * g.N * g.K === 0) {
    return denseMatMul(ctx, a, b, transposeA, transposeB, 'SpikeMatMul', g);
  }
  const da = ctx.data(a, 'SpikeMatMul');
  // op(a) row i is a's row i (no transpose) or a's column i (transposed: a is [K, M]).
  const lists = transposeA ? spikeIndex(ctx, da, g.K, g.M, true) : spikeIndex(ctx, da, g.M, g.K, false);
  if (lists === null || lists === 'dense') {
    return denseMatMul(ctx, a, b, transposeA, transposeB, 'SpikeMatMul', g);
  }
  const db = ctx.data(b, 'SpikeMatMul');
  const { info, data } = ctx.output(g.shape, 'float32', 'SpikeMatMul');
  // The gather reads rows of op(b) = [K, N]: a transposed b (a Linear weight [N, K]) is laid out first.
  let rowsPtr = db.ptr;
  let temp: ReturnType<typeof ctx.output>['data'] | undefined;
  if (transposeB) {
    temp = ctx.output([g.K, g.N], 'float32', 'SpikeMatMul').data;
    ctx.rt.call('snn_transpose2d_32', g.K * g.N, db.ptr, temp.ptr, 1, g.N, g.K);
    rowsPtr = temp.ptr;
  }
  ctx.rt.call(
    'snn_spike_gather_rows',
    lists.nnz * g.N + g.M,
    lists.ptr,
    lists.idx,
    rowsPtr,
    data.ptr,
    g.M,
    g.N,
  );
  if (temp !== undefined) ctx.release(temp);
  return info;
};

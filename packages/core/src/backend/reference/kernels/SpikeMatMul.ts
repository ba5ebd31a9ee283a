import { batchedMatMul } from '../matmul.js';
import type { ReferenceKernel } from '../reference-kernel.js';

/** MatMul whose `a` holds spikes (0/1): zero entries of a are skipped (event-driven accumulation). */
export const SpikeMatMul: ReferenceKernel<'SpikeMatMul'> = ({ a, b }, { transposeA, transposeB }, store) =>
  batchedMatMul(store, a, b, transposeA, transposeB, true);

import { batchedMatMul } from '../matmul.js';
import type { ReferenceKernel } from '../reference-kernel.js';

/** a [..., M, K] x b [..., K, N] with optional transposes; rank 2 or 3, batch 1 broadcasts. */
export const MatMul: ReferenceKernel<'MatMul'> = ({ a, b }, { transposeA, transposeB }, store) =>
  batchedMatMul(store, a, b, transposeA, transposeB, false);

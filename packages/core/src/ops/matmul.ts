import { ENGINE } from '../engine/engine.js';
import { ShapeError } from '../errors.js';
import { formatShape, matMulShape } from '../kernels/shape-utils.js';
import type { Tensor } from '../tensor/tensor.js';
import { ensureDType, scoped, toTensor } from './util.js';

function matMulOperands(a: Tensor, b: Tensor, op: string, tA: boolean, tB: boolean): [Tensor, Tensor] {
  let ta = ensureDType(toTensor(a, op), 'float32');
  let tb = ensureDType(toTensor(b, op), 'float32');
  // A rank-2 operand against a rank-3 one acts as a batch of one (broadcast by the kernel).
  if (ta.rank === 2 && tb.rank === 3) ta = ta.reshape([1, ...ta.shape]);
  else if (ta.rank === 3 && tb.rank === 2) tb = tb.reshape([1, ...tb.shape]);
  if ((ta.rank !== 2 && ta.rank !== 3) || ta.rank !== tb.rank) {
    throw new ShapeError(
      `${op}: expected rank-2 or rank-3 operands, got ${formatShape(a.shape)} and ${formatShape(b.shape)}`,
    );
  }
  matMulShape(ta.shape, tb.shape, tA, tB);
  return [ta, tb];
}

/** a @ b with optional transposes; rank 2, or rank 3 (batched, a batch of 1 broadcasts). */
export function matMul(a: Tensor, b: Tensor, transposeA = false, transposeB = false): Tensor {
  return scoped(() => {
    const [ta, tb] = matMulOperands(a, b, 'matMul', transposeA, transposeB);
    return ENGINE.runKernel('MatMul', { a: ta, b: tb }, { transposeA, transposeB });
  });
}

/**
 * matMul where `a` holds only 0 and 1 (spikes): backends with a SpikeMatMul kernel skip the zeros
 * (event-driven); others run MatMul. Same result and gradient as matMul.
 */
export function spikeMatMul(a: Tensor, b: Tensor, transposeA = false, transposeB = false): Tensor {
  return scoped(() => {
    const [ta, tb] = matMulOperands(a, b, 'spikeMatMul', transposeA, transposeB);
    return ENGINE.runKernel('SpikeMatMul', { a: ta, b: tb }, { transposeA, transposeB });
  });
}

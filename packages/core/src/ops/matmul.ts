import { ENGINE } from '../engine/engine.js';
import { ShapeError } from '../errors.js';
import { formatShape, matMulShape } from '../kernels/shape-utils.js';
import type { Tensor } from '../tensor/tensor.js';
import { transpose } from './movement.js';
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

/**
 * a @ b with optional transposes; rank 2, or rank 3 (batched, a batch of 1 broadcasts). An operand
 * known to hold spikes (`binary`) runs as SpikeMatMul, so a backend with an event-driven kernel skips
 * its zeros: `a` directly, `b` through op(a) op(b) = (op(b)^T op(a)^T)^T, which is how a Linear
 * layer's weight gradient dy^T x over spike inputs x becomes a spike product. Same values (up to
 * float32 summation order) and gradients as the dense MatMul.
 *
 * @param a - [m, k] or [batch, m, k] (float32).
 * @param b - [k, n] or [batch, k, n].
 * @param transposeA - Use a^T, default false.
 * @param transposeB - Use b^T, default false (true for a PyTorch Linear weight [out, in]).
 * @example
 * ```ts
 * const x = randomUniform([32, 784], { seed: 0 }); // [batch, in]
 * const w = randomNormal([100, 784], { seed: 1, std: 0.05 }); // [out, in], as a PyTorch Linear weight
 * const y = matMul(x, w, false, true); // x @ w^T: [32, 100]
 * ```
 */
export function matMul(a: Tensor, b: Tensor, transposeA = false, transposeB = false): Tensor {
  return scoped(() => {
    const [ta, tb] = matMulOperands(a, b, 'matMul', transposeA, transposeB);
    const again = recentProduct(ta, tb, transposeA, transposeB);
    if (again !== undefined) return again.clone();
    const y = product(ta, tb, transposeA, transposeB);
    remember(ta, tb, transposeA, transposeB, y);
    return y;
  });
}

function product(ta: Tensor, tb: Tensor, transposeA: boolean, transposeB: boolean): Tensor {
  if (ta.binary || !tb.binary || !ENGINE.hasKernel('SpikeMatMul')) {
    const kernel = ta.binary && ENGINE.hasKernel('SpikeMatMul') ? 'SpikeMatMul' : 'MatMul';
    return ENGINE.runKernel(kernel, { a: ta, b: tb }, { transposeA, transposeB });
  }
  const yT = ENGINE.runKernel(
    'SpikeMatMul',
    { a: tb, b: ta },
    { transposeA: !transposeB, transposeB: !transposeA },
  );
  return transpose(yT, yT.rank === 2 ? [1, 0] : [0, 2, 1]);
}

/*
 * A product that is constant across time steps is computed once: snnTorch's tutorials apply a
 * Linear layer to the same input at every step (`cur1 = fc1(x)` inside the time loop). Data never
 * changes, so the same operands (the same data, not just equal values) give the same product: a
 * repeat returns a new handle on the earlier result, whose tape node (recorded under the same
 * gradient scope) then receives the sum of every use's gradient, so the weight gradient is one
 * product too. A few recent products are remembered; a disposed one is forgotten.
 */
interface Product {
  readonly a: object;
  readonly b: object;
  /** The operands' shapes (one data may be viewed under several). */
  readonly shapes: string;
  readonly transposeA: boolean;
  readonly transposeB: boolean;
  readonly token: object | null;
  readonly y: Tensor;
}
const RECENT = 4;
const recent: Product[] = [];

function recentProduct(a: Tensor, b: Tensor, transposeA: boolean, transposeB: boolean): Tensor | undefined {
  const token = ENGINE.recordingToken;
  for (const p of recent) {
    if (
      p.a === a.record &&
      p.b === b.record &&
      p.shapes === `${a.shape}|${b.shape}` &&
      p.transposeA === transposeA &&
      p.transposeB === transposeB &&
      p.token === token &&
      !p.y.isDisposed
    ) {
      return p.y;
    }
  }
  return undefined;
}

function remember(a: Tensor, b: Tensor, transposeA: boolean, transposeB: boolean, y: Tensor): void {
  const token = ENGINE.recordingToken;
  recent.unshift({
    a: a.record,
    b: b.record,
    shapes: `${a.shape}|${b.shape}`,
    transposeA,
    transposeB,
    token,
    y,
  });
  if (recent.length > RECENT) recent.length = RECENT;
}

/**
 * matMul where `a` holds only 0 and 1 (spikes): backends with a SpikeMatMul kernel skip the zeros
 * (event-driven); others run MatMul. Same result and gradient as matMul.
 *
 * @param a - Spikes (0 or 1), [m, k] or [batch, m, k].
 * @param b - [k, n] or [batch, k, n].
 * @param transposeA - Use a^T, default false.
 * @param transposeB - Use b^T, default false.
 * @example
 * ```ts
 * const spikes = randomBernoulli(fill([784], 0.1), 32, { seed: 0 }); // [32, 784] of 0 and 1
 * const w = randomNormal([784, 100], { seed: 1, std: 0.05 });
 * const current = spikeMatMul(spikes, w); // [32, 100], zeros skipped where the backend can
 * ```
 */
export function spikeMatMul(a: Tensor, b: Tensor, transposeA = false, transposeB = false): Tensor {
  return scoped(() => {
    const [ta, tb] = matMulOperands(a, b, 'spikeMatMul', transposeA, transposeB);
    return ENGINE.runKernel('SpikeMatMul', { a: ta, b: tb }, { transposeA, transposeB });
  });
}

import type { KernelName } from '../../kernels/kernel-signatures.js';
import { type KernelCase, t } from '../case-types.js';
import { pseudoRandom } from '../host-math.js';

/* MatMul and SpikeMatMul cases: expected by a naive triple loop over logical coordinates. */

/** Stores a logical [batch, rows, cols] matrix, transposed in memory when asked. */
function layout(m: number[][][], transpose: boolean): number[] {
  return m.flatMap((mat) => (transpose ? mat[0].flatMap((_, j) => mat.map((row) => row[j])) : mat.flat()));
}

function logical(batch: number, rows: number, cols: number, seed: number, spikes: boolean): number[][][] {
  const v = pseudoRandom(batch * rows * cols, seed, -2, 2);
  return Array.from({ length: batch }, (_, b) =>
    Array.from({ length: rows }, (_, i) =>
      Array.from({ length: cols }, (_, j) => {
        const x = v[(b * rows + i) * cols + j];
        return spikes ? (x > 0.6 ? 1 : 0) : x;
      }),
    ),
  );
}

function matMulCase(
  kernel: KernelName,
  name: string,
  [ba, bb]: [number, number],
  [m, k, n]: [number, number, number],
  transposeA: boolean,
  transposeB: boolean,
  rank: 2 | 3,
  seed: number,
): KernelCase {
  const A = logical(ba, m, k, seed, kernel === 'SpikeMatMul');
  const B = logical(bb, k, n, seed + 1, false);
  const batch = Math.max(ba, bb);
  const out: number[] = [];
  for (let b = 0; b < batch; b++) {
    const a = A[ba === 1 ? 0 : b];
    const bm = B[bb === 1 ? 0 : b];
    for (let i = 0; i < m; i++)
      for (let j = 0; j < n; j++) {
        let s = 0;
        for (let p = 0; p < k; p++) s += a[i][p] * bm[p][j];
        out.push(s);
      }
  }
  const shapeOf = (bt: number, r: number, c: number, tr: boolean) => {
    const mat = tr ? [c, r] : [r, c];
    return rank === 3 ? [bt, ...mat] : mat;
  };
  return {
    kernel,
    name: `${name}${transposeA ? ' Aᵀ' : ''}${transposeB ? ' Bᵀ' : ''}`,
    inputs: {
      a: t(layout(A, transposeA), shapeOf(ba, m, k, transposeA)),
      b: t(layout(B, transposeB), shapeOf(bb, k, n, transposeB)),
    },
    attrs: { transposeA, transposeB },
    expected: t(out, rank === 3 ? [batch, m, n] : [m, n]),
    tolerance: 1e-5,
  };
}

function casesFor(kernel: KernelName): KernelCase[] {
  const cases: KernelCase[] = [];
  let seed = kernel === 'MatMul' ? 400 : 500;
  for (const ta of [false, true]) {
    for (const tb of [false, true]) {
      cases.push(matMulCase(kernel, 'rank 2 [3x4]x[4x5]', [1, 1], [3, 4, 5], ta, tb, 2, seed++));
      // Square operands: a kernel that ignores a transpose flag still gets valid shapes here.
      cases.push(matMulCase(kernel, 'square rank 2 [3x3]x[3x3]', [1, 1], [3, 3, 3], ta, tb, 2, seed++));
      cases.push(matMulCase(kernel, 'square rank 3 batch 2', [2, 2], [2, 2, 2], ta, tb, 3, seed++));
      cases.push(matMulCase(kernel, 'rank 3 batch 2', [2, 2], [2, 3, 4], ta, tb, 3, seed++));
      cases.push(matMulCase(kernel, 'rank 3, a batch 1 broadcasts', [1, 3], [2, 3, 2], ta, tb, 3, seed++));
      cases.push(matMulCase(kernel, 'rank 3, b batch 1 broadcasts', [3, 1], [2, 2, 3], ta, tb, 3, seed++));
    }
  }
  cases.push(matMulCase(kernel, 'outer product (K = 1)', [1, 1], [3, 1, 4], false, false, 2, seed++));
  cases.push(matMulCase(kernel, 'row times matrix (M = 1)', [1, 1], [1, 6, 3], false, true, 2, seed++));
  cases.push(matMulCase(kernel, 'dot product (1x1 out)', [1, 1], [1, 7, 1], true, false, 2, seed++));
  cases.push(matMulCase(kernel, 'larger [17x33]x[33x9]', [1, 1], [17, 33, 9], false, false, 2, seed++));
  return cases;
}

export const matMulCases: readonly KernelCase[] = casesFor('MatMul');
export const spikeMatMulCases: readonly KernelCase[] = casesFor('SpikeMatMul');

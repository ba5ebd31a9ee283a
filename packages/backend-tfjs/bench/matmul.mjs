// MatMul formulations on tfjs's cpu and wasm backends: transposeA/transposeB flags vs an explicit
// Transpose followed by a plain MatMul. Shapes are those of a 784->100 layer at batch 256: forward
// (x @ W), weight gradient (x^T @ dy) and input gradient (dy @ W^T).
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import '@tensorflow/tfjs-backend-wasm';

// Silences tfjs-cpu's "install tfjs-node" banner (tfjs warnings only).
tf.env().set('PROD', true);

const swap = (t) => tf.transpose(t, [1, 0]);
const FORMULATIONS = {
  flags: (a, b, ta, tb) => tf.matMul(a, b, ta, tb),
  explicit: (a, b, ta, tb) => tf.matMul(ta ? swap(a) : a, tb ? swap(b) : b),
  // C = op(A) op(B) = (op(B)^T op(A)^T)^T: transposes the output instead of the operands.
  transposedOutput: (a, b, ta, tb) => swap(tf.matMul(tb ? b : swap(b), ta ? a : swap(a))),
};

function time(fn, minMs) {
  fn(); // warm up
  let n = 0;
  const t0 = performance.now();
  while (performance.now() - t0 < minMs) {
    fn();
    n++;
  }
  return (performance.now() - t0) / n;
}

export async function benchMatMul(kinds = ['wasm', 'cpu'], minMs = 600) {
  const rows = [];
  const cases = [
    { name: 'x@W      [256x784]x[784x100]', a: [256, 784], b: [784, 100], ta: false, tb: false },
    { name: 'xT@dy    [784x256]T x[256x100]', a: [256, 784], b: [256, 100], ta: true, tb: false },
    { name: 'dy@WT    [256x100]x[784x100]T', a: [256, 100], b: [784, 100], ta: false, tb: true },
    { name: 'aT@bT    [100x256]T x[784x100]T', a: [100, 256], b: [784, 100], ta: true, tb: true },
  ];
  for (const kind of kinds) {
    await tf.setBackend(kind);
    for (const c of cases) {
      const a = tf.randomUniform(c.a);
      const b = tf.randomUniform(c.b);
      const m = c.ta ? c.a[1] : c.a[0];
      const k = c.ta ? c.a[0] : c.a[1];
      const n = c.tb ? c.b[0] : c.b[1];
      const flops = 2 * m * k * n;
      const row = { backend: `tfjs-${kind}`, case: c.name };
      for (const [fname, f] of Object.entries(FORMULATIONS)) {
        // Return the tensor, never its values, from tidy: tidy walks a returned typed array element
        // by element (about 6 ms for this output), which would swamp the MatMul itself.
        const ms = time(() => {
          const out = tf.tidy(() => f(a, b, c.ta, c.tb));
          out.dataSync();
          out.dispose();
        }, minMs);
        row[fname] = `${(flops / ms / 1e6).toFixed(2)} GFLOP/s`;
      }
      rows.push(row);
      tf.dispose([a, b]);
    }
  }
  return rows;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  console.table(await benchMatMul());
}

import { tensor } from '@snn/core';
import { expectClose } from '@snn/core/testing';
import { crossEntropy, mseLoss, nllLoss } from './classification.js';
import { firingRateRegularizer, l1RateSparsity } from './regularizers.js';
import { ceCountLoss, ceMaxMembraneLoss, ceRateLoss, mseCountLoss, mseMembraneLoss } from './snntorch.js';

// Plain float64 versions of the formulas (PyTorch / snnTorch definitions) to compare against.
const logSoftmax = (row: number[]): number[] => {
  const m = Math.max(...row);
  const lse = m + Math.log(row.reduce((s, v) => s + Math.exp(v - m), 0));
  return row.map((v) => v - lse);
};
const ce = (rows: number[][], t: number[]): number =>
  rows.reduce((s, r, b) => s - logSoftmax(r)[t[b]], 0) / rows.length;

// A [T=3, B=2, C=3] recording.
const rec = [
  [
    [1, 0, 0],
    [0, 1, 1],
  ],
  [
    [1, 1, 0],
    [0, 0, 1],
  ],
  [
    [0, 0, 1],
    [0, 1, 1],
  ],
];
const targets = [0, 2];
const recT = () => tensor(rec.flat(2), [3, 2, 3]);
const item = (t: { dataSync(): ArrayLike<number> }) => t.dataSync()[0];

describe('PyTorch losses', () => {
  it('nllLoss / crossEntropy: mean, sum and none reductions', () => {
    const logits = [
      [0.2, -1.3, 2.0],
      [1.5, 0.1, -0.4],
    ];
    const lp = logits.map(logSoftmax);
    const x = tensor(logits.flat(), [2, 3]);
    expectClose([item(crossEntropy(x, [2, 0]))], [ce(logits, [2, 0])], 'crossEntropy(x, [2, 0])', 1e-6);
    expectClose(
      [item(nllLoss(tensor(lp.flat(), [2, 3]), [2, 0], { reduction: 'sum' }))],
      [-lp[0][2] - lp[1][0]],
      'nllLoss sum',
      1e-6,
    );
    expectClose(
      Array.from(
        nllLoss(tensor(lp.flat(), [2, 3]), tensor([1, 1], [2], 'int32'), { reduction: 'none' }).dataSync(),
      ),
      [-lp[0][1], -lp[1][1]],
      'nllLoss none',
      1e-6,
    );
    expect(() => nllLoss(x, [0])).toThrow(/targets must be \[2\]/);
  });

  it('mseLoss', () => {
    expectClose(
      [item(mseLoss(tensor([1, 2, 3], [3]), tensor([1, 0, 0], [3])))],
      [13 / 3],
      'mseLoss(tensor([1, 2, 3], [3]), tensor([1, 0, 0], [3]))',
      1e-6,
    );
    expect(() => mseLoss(tensor([1, 2], [2]), tensor([1], [1]))).toThrow(/same shape/);
  });
});

describe('snnTorch losses', () => {
  it('ceRateLoss: cross entropy at every step, averaged over steps', () => {
    const want = rec.reduce((s, step) => s + ce(step, targets), 0) / 3;
    expectClose([item(ceRateLoss(recT(), targets))], [want], 'ceRateLoss(recT(), targets)', 1e-6);
  });

  it('ceCountLoss: cross entropy of spike counts, with and without population code', () => {
    const counts = [0, 1].map((b) => [0, 1, 2].map((c) => rec.reduce((s, st) => s + st[b][c], 0)));
    expectClose(
      [item(ceCountLoss(recT(), targets))],
      [ce(counts, targets)],
      'ceCountLoss(recT(), targets)',
      1e-6,
    );
    // 4 outputs as 2 classes of 2 neurons.
    const pop = tensor([1, 0, 1, 1, 0, 0, 1, 0, 1, 1, 0, 1, 0, 0, 0, 1], [2, 2, 4]);
    const popCounts = [
      [1 + 0 + 1 + 1, 1 + 1 + 0 + 1],
      [0 + 0 + 0 + 0, 1 + 0 + 0 + 1],
    ];
    expectClose(
      [item(ceCountLoss(pop, [1, 0], { populationCode: true, numClasses: 2 }))],
      [ce(popCounts, [1, 0])],
      'ceCountLoss(pop, [1, 0], { populationCode: true, numClasses: 2 })',
      1e-6,
    );
    expect(() => ceCountLoss(pop, [1, 0], { populationCode: true, numClasses: 3 })).toThrow(
      /multiple of numClasses 3/,
    );
  });

  it('ceMaxMembraneLoss: cross entropy of the max over time', () => {
    const mem = rec.map((s, t) => s.map((r) => r.map((v) => v * (t + 1) - 0.5)));
    const maxes = [0, 1].map((b) => [0, 1, 2].map((c) => Math.max(...mem.map((s) => s[b][c]))));
    expectClose(
      [item(ceMaxMembraneLoss(tensor(mem.flat(2), [3, 2, 3]), targets))],
      [ce(maxes, targets)],
      'ceMaxMembraneLoss(tensor(mem.flat(2), [3, 2, 3]), targets)',
      1e-6,
    );
  });

  it('mseCountLoss: targets int(T*rate), MSE over [B, C], divided by T', () => {
    const counts = [0, 1].map((b) => [0, 1, 2].map((c) => rec.reduce((s, st) => s + st[b][c], 0)));
    const on = Math.trunc(3 * 0.8);
    const off = Math.trunc(3 * 0.2);
    let se = 0;
    for (const [b, row] of counts.entries()) {
      for (const [c, v] of row.entries()) se += (v - (c === targets[b] ? on : off)) ** 2;
    }
    const want = se / 6 / 3;
    expectClose(
      [item(mseCountLoss(recT(), targets, { correctRate: 0.8, incorrectRate: 0.2 }))],
      [want],
      'mseCountLoss(recT(), targets, { correctRate: 0.8, incorrectRate: 0.2 })',
      1e-6,
    );
    // defaults: correct 1, incorrect 0
    let se2 = 0;
    for (const [b, row] of counts.entries()) {
      for (const [c, v] of row.entries()) se2 += (v - (c === targets[b] ? 3 : 0)) ** 2;
    }
    expectClose([item(mseCountLoss(recT(), targets))], [se2 / 6 / 3], 'mseCountLoss(recT(), targets)', 1e-6);
  });

  it('mseMembraneLoss: constant and time-varying targets', () => {
    let se = 0;
    for (const s of rec) {
      for (const [b, r] of s.entries()) {
        for (const [c, v] of r.entries()) se += (v - (c === targets[b] ? 1 : 0)) ** 2;
      }
    }
    expectClose(
      [item(mseMembraneLoss(recT(), tensor(targets, [2], 'int32')))],
      [se / 18],
      "mseMembraneLoss(recT(), tensor(targets, [2], 'int32'))",
      1e-6,
    );
    const tv = [
      [0, 1],
      [2, 2],
      [1, 0],
    ];
    let se2 = 0;
    for (const [t, s] of rec.entries()) {
      for (const [b, r] of s.entries()) {
        for (const [c, v] of r.entries()) se2 += (v - (c === tv[t][b] ? 2 : -1)) ** 2;
      }
    }
    const got = mseMembraneLoss(recT(), tensor(tv.flat(), [3, 2], 'int32'), {
      timeVarTargets: true,
      onTarget: 2,
      offTarget: -1,
    });
    expectClose([item(got)], [se2 / 18], 'mseMembraneLoss', 1e-6);
  });

  it('regularisers', () => {
    expectClose([item(l1RateSparsity(recT(), 0.01))], [0.01 * 9], 'l1RateSparsity(recT(), 0.01)', 1e-6);
    // rates per neuron over time, then mean squared distance to the target.
    const rates = [0, 1].flatMap((b) => [0, 1, 2].map((c) => rec.reduce((s, st) => s + st[b][c], 0) / 3));
    const want = (2 * rates.reduce((s, r) => s + (r - 0.25) ** 2, 0)) / 6;
    expectClose(
      [item(firingRateRegularizer(recT(), { target: 0.25, weight: 2 }))],
      [want],
      'firingRateRegularizer(recT(), { target: 0.25, weight: 2 })',
      1e-6,
    );
  });
});

import { concat, mul, reshape, sigmoid, sub, type Tensor, tensor, unstack } from '../index.js';
import type { SpikeFunction } from '../surrogate/spike-function.js';
import { checkGradients } from '../testing/grad-check.js';
import { alphaStep } from './alpha.js';
import { cobaLIFFeedForwardStep } from './coba-lif.js';
import { eifNodeStep } from './eif-node.js';
import { iafFeedForwardStep } from './iaf.js';
import { izhikevichFeedForwardStep, izhikevichInitialState } from './izhikevich.js';
import { izhikevichNodeStep } from './izhikevich-node.js';
import { klifNodeStep } from './klif-node.js';
import { lapicqueStep } from './lapicque.js';
import { lifAdExFeedForwardStep } from './lif-adex.js';
import { lifBoxFeedForwardStep } from './lif-box.js';
import { lifExFeedForwardStep } from './lif-ex.js';
import { lifRefracFeedForwardStep } from './lif-refrac.js';
import { lsnnFeedForwardStep } from './lsnn.js';
import { parametricLIFNodeStep } from './parametric-lif-node.js';
import { qifNodeStep } from './qif-node.js';
import { rleakyStep } from './rleaky.js';
import { rsynapticStep } from './rsynaptic.js';

/*
 * Every zoo neuron's gradient checked against central finite differences: with a smooth stand-in for
 * the spike (sigmoid(3x) forward, its true derivative backward) the whole step is differentiable, so
 * the engine's gradient of T steps with respect to the input and to tensor parameters must equal the
 * numeric one. (The surrogate itself is checked against the libraries by the fixtures.) snnTorch's
 * detached reset signal is a step of the membrane: constant under small perturbations, as the
 * detached gradient says.
 */

const smooth: SpikeFunction = Object.assign((x: Tensor) => sigmoid(mul(x, 3)), {
  surrogate: 'custom',
  alpha: 1,
  derivative: (x: Tensor) => {
    const s = sigmoid(mul(x, 3));
    return mul(mul(s, sub(1, s)), 3);
  },
});

const T = 4;
/** A [T, 2, 3] input sequence in [lo, hi) with no value near the middle (deterministic). */
function inputs(lo: number, hi: number): Tensor {
  const v = Array.from({ length: T * 6 }, (_, k) => lo + (hi - lo) * (((k * 7919) % 97) / 97));
  return tensor(v, [T, 2, 3]);
}

/**
 * Runs `step` T times from `s0` and stacks every step's output and chosen state values into one
 * tensor. Start from an explicit state where the default initial state is a (detached) parameter.
 */
function run<S>(
  x: Tensor,
  // biome-ignore lint/suspicious/noExplicitAny: S is inferred from what the step returns
  step: (xt: Tensor, s: any) => [Tensor, S],
  pick: (s: S) => Tensor[],
  s0: S | null = null,
): Tensor {
  const out: Tensor[] = [];
  let s: S | null = s0;
  for (const xt of unstack(x, 0)) {
    const [z, next] = step(xt, s);
    out.push(z, ...pick(next));
    s = next;
  }
  return concat(
    out.map((t) => reshape(t, [-1])),
    0,
  );
}

const p = (v: number) => tensor(v);

function izhikevich(x: Tensor, q: Partial<Record<'a' | 'b' | 'd' | 'sq', Tensor>>): Tensor {
  const params = { a: 0.02, b: 0.2, c: -65, d: 6, ...q, method: smooth };
  const s0 = izhikevichInitialState([2, 3], { v: -70, u: -14 });
  return run(
    x,
    (xt, s) => izhikevichFeedForwardStep(xt, s ?? s0, params, 0.0005),
    (s) => [s.v, s.u],
  );
}

const CASES: [string, () => [(...xs: Tensor[]) => Tensor, Tensor[], number?]][] = [
  [
    'alphaStep (beta, threshold)',
    () => [
      (x, beta, th) =>
        run(
          x,
          (xt, s) => alphaStep(xt, s, { alpha: 0.9, beta, threshold: th, spikeGrad: smooth }),
          (s) => [s.mem, s.synExc],
        ),
      [inputs(-0.5, 1.5), p(0.7), p(1.2)],
    ],
  ],
  [
    'lapicqueStep (threshold)',
    () => [
      (x, th) =>
        run(
          x,
          (xt, m) =>
            lapicqueStep(xt, m, { R: 2, C: 0.5, beta: 0, timeStep: 0.25, threshold: th, spikeGrad: smooth }),
          (m) => [m],
        ),
      [inputs(0, 3), p(1.1)],
    ],
  ],
  [
    'rleakyStep all-to-all (beta, weight, bias)',
    () => [
      (x, beta, w, b) =>
        run(
          x,
          (xt, s) => rleakyStep(xt, s, { beta, recurrentWeight: w, recurrentBias: b, spikeGrad: smooth }),
          (s) => [s.mem],
        ),
      [
        inputs(-0.5, 1.2),
        p(0.8),
        tensor([0.2, -0.1, 0.3, 0.05, 0.1, -0.2, 0.15, 0.25, -0.3], [3, 3]),
        tensor([0.1, -0.05, 0.02], [3]),
      ],
    ],
  ],
  [
    'rsynapticStep one-to-one (alpha, beta, V)',
    () => [
      (x, a, beta, V) =>
        run(
          x,
          (xt, s) => rsynapticStep(xt, s, { alpha: a, beta, V, spikeGrad: smooth }),
          (s) => [s.mem, s.syn],
        ),
      [inputs(-0.5, 1), p(0.6), p(0.8), p(0.3)],
    ],
  ],
  [
    'lifBoxFeedForwardStep (tauMemInv, vLeak)',
    () => [
      (x, tm, vl) =>
        run(
          x,
          (xt, s) => lifBoxFeedForwardStep(xt, s, { tauMemInv: tm, vLeak: vl, method: smooth }, 0.01),
          (s) => [s.v],
        ),
      [inputs(0, 150), p(100), p(0.1)],
    ],
  ],
  [
    'iafFeedForwardStep (vTh, vReset)',
    () => [
      (x, th, vr) =>
        run(
          x,
          (xt, s) => iafFeedForwardStep(xt, s, { vTh: th, vReset: vr, method: smooth }),
          (s) => [s.v],
          {
            v: tensor(new Float32Array(6), [2, 3]),
          },
        ),
      [inputs(-0.2, 0.8), p(1), p(0.1)],
    ],
  ],
  [
    'lifExFeedForwardStep (deltaT, vTh)',
    () => [
      (x, dT, th) =>
        run(
          x,
          (xt, s) => lifExFeedForwardStep(xt, s, { deltaT: dT, vTh: th, method: smooth }, 0.005),
          (s) => [s.v, s.i],
        ),
      [inputs(0, 80), p(0.5), p(1)],
    ],
  ],
  [
    'lifAdExFeedForwardStep (adaptationCurrent, adaptationSpike, tauAdaInv)',
    () => [
      (x, ac, as, ta) =>
        run(
          x,
          (xt, s) =>
            lifAdExFeedForwardStep(
              xt,
              s,
              { adaptationCurrent: ac, adaptationSpike: as, tauAdaInv: ta, method: smooth },
              0.005,
            ),
          (s) => [s.v, s.a],
        ),
      [inputs(0, 80), p(4), p(0.02), p(20)],
    ],
  ],
  [
    'lsnnFeedForwardStep (tauAdaptInv, beta)',
    () => [
      (x, ta, b) =>
        run(
          x,
          (xt, s) => lsnnFeedForwardStep(xt, s, { tauAdaptInv: ta, beta: b, method: smooth }, 0.005),
          (s) => [s.v, s.b],
        ),
      [inputs(0, 80), p(10), p(1.8)],
    ],
  ],
  [
    'cobaLIFFeedForwardStep (gL, eRevE, cMInv)',
    () => [
      (x, gl, ee, cm) =>
        run(
          x,
          (xt, s) => cobaLIFFeedForwardStep(xt, s, { gL: gl, eRevE: ee, cMInv: cm, method: smooth }, 0.01),
          (s) => [s.v, s.gE],
        ),
      [inputs(-1, 1), p(0.25), p(60), p(5)],
    ],
  ],
  [
    'lifRefracFeedForwardStep (tauMemInv, rhoReset)',
    () => [
      (x, tm, rr) =>
        run(
          x,
          (xt, s) =>
            lifRefracFeedForwardStep(xt, s, { lif: { tauMemInv: tm, method: smooth }, rhoReset: rr }, 0.005),
          (s) => [s.lif.v, s.rho],
        ),
      [inputs(0, 80), p(100), p(2)],
    ],
  ],
  [
    'izhikevichFeedForwardStep (a, b, d)',
    () => [
      (x, a, b, d) => izhikevich(x, { a, b, d }),
      [inputs(0, 10), p(0.02), p(0.2), p(6)],
      // v is about -70: float32 rounding of the outputs needs a wider difference step.
      5e-2,
    ],
  ],
  [
    'izhikevichFeedForwardStep (sq)',
    () => {
      const x = inputs(0, 10);
      // sq multiplies v^2 ~ 4900: a small step, and x held fixed.
      return [(sq) => izhikevich(x, { sq }), [p(0.04)], 1e-4];
    },
  ],
  [
    'parametricLIFNodeStep (w), hard and soft reset',
    () => [
      (x, w) =>
        concat(
          [
            run(
              x,
              (xt, v) => parametricLIFNodeStep(xt, v, { w, vReset: 0.1, surrogate: smooth }),
              (v) => [v],
            ),
            run(
              x,
              (xt, v) =>
                parametricLIFNodeStep(xt, v, { w, vReset: null, decayInput: false, surrogate: smooth }),
              (v) => [v],
            ),
          ],
          0,
        ),
      [inputs(0, 2), p(0.3)],
    ],
  ],
  [
    'qifNodeStep (tau, vC, a0)',
    () => [
      (x, tau, vc, a0) =>
        run(
          x,
          (xt, v) => qifNodeStep(xt, v, { tau, vC: vc, a0, surrogate: smooth }),
          (v) => [v],
        ),
      [inputs(0, 1.5), p(2), p(0.8), p(1)],
    ],
  ],
  [
    'eifNodeStep (deltaT, thetaRh)',
    () => [
      (x, dT, th) =>
        run(
          x,
          (xt, v) => eifNodeStep(xt, v, { deltaT: dT, thetaRh: th, surrogate: smooth }),
          (v) => [v],
        ),
      [inputs(0, 1.5), p(1), p(0.8)],
    ],
  ],
  [
    'izhikevichNodeStep (a, b, tauW)',
    () => [
      (x, a, b, tw) =>
        run(
          x,
          (xt, s) => izhikevichNodeStep(xt, s, { a, b, tauW: tw, surrogate: smooth }),
          (s) => [s.v, s.w],
        ),
      [inputs(0, 1.5), p(0.1), p(0.2), p(2)],
    ],
  ],
  [
    'klifNodeStep (k), scaled hard reset',
    () => [
      (x, k) =>
        run(
          x,
          (xt, v) => klifNodeStep(xt, v, { k, vReset: 0.05, scaleReset: true, surrogate: smooth }),
          (v) => [v],
        ),
      [inputs(0.1, 2), p(1.3)],
    ],
  ],
];

describe('zoo neurons: gradients equal finite differences (smooth spike stand-in)', () => {
  it.each(CASES)('%s', async (_name, make) => {
    const [f, xs, eps = 1e-3] = make();
    const r = await checkGradients(f, xs, { eps, rtol: 2e-2, atol: 2e-3 });
    expect(r.checked).toBe(xs.reduce((n, t) => n + t.size, 0));
  });
});

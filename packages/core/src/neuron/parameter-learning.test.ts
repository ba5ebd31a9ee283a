import { add, grads, mul, sum, tensor, tidy } from '../index.js';
import { hostDerivative as sd } from '../surrogate/registry.js';
import type { Tensor } from '../tensor/tensor.js';
import { expectRelative } from '../testing/fixtures.js';
import { type LIFFeedForwardState, lifFeedForwardStep } from './index.js';

/*
 * Norse's parameter-learning notebook trains per-neuron tauMemInv and vTh. Here the gradients of a
 * loss over T steps of lifFeedForwardStep (Norse: reset kept in the graph) with respect to per-neuron
 * tauMemInv and vTh are checked against a float64 backpropagation-through-time written by hand.
 */

const T = 25;
const N = 4;
const dt = 0.001;
const tauSynInv = 200;
const vLeak = 0;
const vReset = 0;
const alpha = 100;

function lcg(seed: number, count: number, lo: number, hi: number): number[] {
  let s = seed >>> 0;
  return Array.from({ length: count }, () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return lo + ((s >>> 8) / 2 ** 24) * (hi - lo);
  });
}

const xs = lcg(1, T * N, 0, 8);
const wz = lcg(2, T * N, -1, 1);
const wv = lcg(3, T * N, -1, 1);
const tm0 = [80, 100, 120, 150];
const th0 = [0.8, 1, 1.2, 0.9];

/** L = sum_t wz_t*z_t + wv_t*v_t and dL/dtauMemInv, dL/dvTh per neuron, in float64. */
function hostBPTT(): { spikes: number; dTm: number[]; dTh: number[] } {
  const dTm = new Array<number>(N).fill(0);
  const dTh = new Array<number>(N).fill(0);
  let spikes = 0;
  for (let k = 0; k < N; k++) {
    const a = dt * tm0[k];
    const b = dt * tauSynInv;
    const vPrev: number[] = [];
    const iPrev: number[] = [];
    const vds: number[] = [];
    const zs: number[] = [];
    let v = vLeak;
    let i = 0;
    for (let t = 0; t < T; t++) {
      vPrev.push(v);
      iPrev.push(i);
      const vd = v + a * (vLeak - v + i);
      const z = vd - th0[k] > 0 ? 1 : 0;
      spikes += z;
      vds.push(vd);
      zs.push(z);
      v = (1 - z) * vd + z * vReset;
      i = i * (1 - b) + xs[t * N + k];
    }
    let gv = 0;
    let gi = 0;
    for (let t = T - 1; t >= 0; t--) {
      const Gv = wv[t * N + k] + gv;
      const Gi = gi;
      const s = sd('superspike', vds[t] - th0[k], alpha);
      const dz = wz[t * N + k] + Gv * (vReset - vds[t]);
      const gvd = Gv * (1 - zs[t]) + dz * s;
      dTh[k] -= dz * s;
      dTm[k] += gvd * dt * (vLeak - vPrev[t] + iPrev[t]);
      gv = gvd * (1 - a);
      gi = gvd * a + Gi * (1 - b);
    }
  }
  return { spikes, dTm, dTh };
}

describe('per-neuron learnable LIF parameters (Norse parameter learning)', () => {
  it('gradients of tauMemInv and vTh vectors match a hand-written float64 BPTT', () => {
    const want = hostBPTT();
    expect(want.spikes).toBeGreaterThan(5);
    tidy(() => {
      const tauMemInv = tensor(tm0, [N]);
      const vTh = tensor(th0, [N]);
      const loss = (tm: Tensor, th: Tensor) => {
        let state: LIFFeedForwardState | null = null;
        let total: Tensor | undefined;
        for (let t = 0; t < T; t++) {
          const x = tensor(xs.slice(t * N, (t + 1) * N), [N]);
          const [z, s] = lifFeedForwardStep(x, state, { tauMemInv: tm, vTh: th }, dt);
          state = s;
          const term = add(
            sum(mul(z, tensor(wz.slice(t * N, (t + 1) * N), [N]))),
            sum(mul(s.v, tensor(wv.slice(t * N, (t + 1) * N), [N]))),
          );
          total = total === undefined ? term : add(total, term);
        }
        return total!;
      };
      const [gTm, gTh] = grads(loss)([tauMemInv, vTh]);
      const eTm = expectRelative(gTm.dataSync(), want.dTm, 'dL/dtauMemInv', 1e-3);
      const eTh = expectRelative(gTh.dataSync(), want.dTh, 'dL/dvTh', 1e-3);
      console.info(`parameter learning: relative errors tauMemInv ${eTm}, vTh ${eTh}`);
    });
  });
});

import { stack, type Tensor, tensor, tidy } from '../index.js';
import { expectClose } from '../testing/fixtures.js';
import { alphaStep } from './alpha.js';
import { cobaLIFFeedForwardStep } from './coba-lif.js';
import { eifNode, eifNodeStep } from './eif-node.js';
import { iafFeedForwardStep } from './iaf.js';
import {
  IZHIKEVICH_BEHAVIORS,
  izhikevichBehavior,
  izhikevichFeedForwardStep,
  izhikevichParameters,
} from './izhikevich.js';
import { izhikevichNode, izhikevichNodeStep } from './izhikevich-node.js';
import { klifNode, klifNodeStep } from './klif-node.js';
import { lapicqueParameters } from './lapicque.js';
import { leakyStep } from './leaky.js';
import { type LIFRefracFeedForwardState, lifRefracFeedForwardStep } from './lif-refrac.js';
import { lsnnFeedForwardStep } from './lsnn.js';
import { parametricLIFNode, parametricLIFNodeStep, parametricLIFNodeW } from './parametric-lif-node.js';
import { qifNode, qifNodeStep } from './qif-node.js';
import { rleakyStep } from './rleaky.js';

const one = (v: number) => tensor([v], [1]);
const val = (t: Tensor) => t.dataSync()[0];

/** Runs `step` over scalar inputs and returns each step's output. */
// biome-ignore lint/suspicious/noExplicitAny: S is inferred from what the step returns
function outputs<S>(xs: number[], step: (x: Tensor, s: any) => [Tensor, S]): number[] {
  return tidy(() => {
    const out: number[] = [];
    let s: S | null = null;
    for (const x of xs) {
      const [z, next] = step(one(x), s);
      out.push(val(z));
      s = next;
    }
    return out;
  });
}

describe('threshold conventions follow each library', () => {
  it('Norse IAF fires on v - vTh > 0 (not at equality); SpikingJelly QIF on h - vThreshold >= 0', () => {
    expect(outputs([0.5, 0.5, 0.25], (x, s) => iafFeedForwardStep(x, s))).toEqual([0, 0, 1]);
    // QIF from v = 0 (vReset 0), vRest 0, vC 0, a0 0, tau 1: h = v + x exactly.
    expect(outputs([0.5, 0.5], (x, v) => qifNodeStep(x, v, { vReset: 0, vC: 0, a0: 0, tau: 1 }))).toEqual([
      0, 1,
    ]);
  });
});

describe('Norse neurons', () => {
  it('LIFRefrac holds the membrane and suppresses spikes for rhoReset steps after a spike', () => {
    const zs = outputs<LIFRefracFeedForwardState>([300, 300, 300, 300, 300, 300, 300, 300], (x, s) =>
      lifRefracFeedForwardStep(x, s, { rhoReset: 3 }),
    );
    const first = zs.indexOf(1);
    expect(first).toBeGreaterThan(0);
    expect(zs.slice(first + 1, first + 4)).toEqual([0, 0, 0]);
  });

  it('LSNN raises its threshold by beta on a spike and lets it relax towards vTh', () => {
    tidy(() => {
      let s = null;
      const bs: number[] = [];
      for (let t = 0; t < 6; t++) {
        const [, next] = lsnnFeedForwardStep(one(400), s, { tauAdaptInv: 100, beta: 2 });
        bs.push(val(next.b));
        s = next;
      }
      const jump = bs.findIndex((b, k) => k > 0 && b > bs[k - 1] + 1);
      expect(jump).toBeGreaterThan(0);
      expectClose([bs[jump] - bs[jump - 1]], [2 - 0.1 * (bs[jump - 1] - 1)], 'jump', 1e-5);
    });
  });

  it('CobaLIF splits a signed input: excitation raises gE, inhibition gI', () => {
    tidy(() => {
      const [, s] = cobaLIFFeedForwardStep(tensor([2, -3], [2]), null);
      expectClose(s.gE.dataSync(), [2 * (1 - 0.001 * 0.2), 0], 'gE', 1e-6);
      expectClose(s.gI.dataSync(), [0, 3 * (1 - 0.001 * 0.2)], 'gI', 1e-6);
    });
  });

  it("Izhikevich: Norse's 20 behaviours, their start states, and clear errors", () => {
    expect(Object.keys(IZHIKEVICH_BEHAVIORS)).toHaveLength(20);
    expect(IZHIKEVICH_BEHAVIORS.tonicSpiking.s).toEqual({ v: -70, u: -14 });
    expect(IZHIKEVICH_BEHAVIORS.accomodation.s).toEqual({ v: -65, u: -16 });
    expect(IZHIKEVICH_BEHAVIORS.class1Exc.p).toMatchObject({ mn: 4.1, bias: 108 });
    expect(izhikevichBehavior(0.1, 0.5, -60, 2, -62, -62).s).toEqual({ v: -62, u: -31 });
    expect(() => izhikevichParameters({ a: 1, b: 1, c: 1 } as never)).toThrow(/d is required/);
    expect(() => izhikevichFeedForwardStep(one(0), null as never, IZHIKEVICH_BEHAVIORS.dap.p)).toThrow(
      /state \{ v, u \} is required/,
    );
  });
});

describe('snnTorch neurons', () => {
  it('Lapicque derives the missing one of beta, R, C as snnTorch does', () => {
    const rc = lapicqueParameters({ R: 5.1, C: 5e-3, timeStep: 1e-3 });
    expect(rc.beta).toBeCloseTo(Math.exp(-1e-3 / (5.1 * 5e-3)), 12);
    const fromBeta = lapicqueParameters({ beta: 0.9 });
    expect(fromBeta).toMatchObject({ R: 1, timeStep: 1 });
    expect(fromBeta.C).toBeCloseTo(1 / Math.log(1 / 0.9), 12);
    expect(lapicqueParameters({ beta: 0.9, C: 2 }).R).toBeCloseTo(1 / (2 * Math.log(1 / 0.9)), 12);
    expect(() => lapicqueParameters({ R: 1 })).toThrow(/give either beta, or R and C/);
  });

  it("Alpha checks alpha > beta and applies snnTorch's subtract formulas", () => {
    expect(() => alphaStep(one(0), null, { alpha: 0.5, beta: 0.8 })).toThrow(
      /alpha must be greater than beta/,
    );
    tidy(() => {
      // The previous membrane (2) is above threshold, so this step subtracts (snnTorch's formulas).
      const state = { synExc: one(3), synInh: one(-1), mem: one(2) };
      const [, s] = alphaStep(one(0.5), state, { alpha: 0.9, beta: 0.8, resetMechanism: 'subtract' });
      const tau = Math.log(0.9) / (Math.log(0.8) - Math.log(0.9)) + 1;
      expectClose([val(s.synExc)], [0.9 * 3 + 0.5 - 1], 'synExc', 1e-6);
      expectClose([val(s.synInh)], [0], 'synInh', 1e-6);
      expectClose([val(s.mem)], [tau * (0.9 * 3 + 0.5 + 0.8 * -1 - 0.5) - 1], 'mem', 1e-5);
    });
  });

  it("RLeaky's zero reset zeroes the whole update (Leaky's only the old membrane); resetDelay false resets at once", () => {
    tidy(() => {
      const fired = { spk: one(0), mem: one(1.5) };
      const [, r] = rleakyStep(one(0.4), fired, { beta: 0.5, V: 0, resetMechanism: 'zero' });
      const [, l] = leakyStep(one(0.4), one(1.5), { beta: 0.5, resetMechanism: 'zero' });
      expect(val(r.mem)).toBe(0);
      expectClose([val(l)], [0.4], 'leaky zero', 1e-6);
      const [spk, now] = rleakyStep(one(1.2), null, { beta: 0.5, V: 0, resetDelay: false });
      expect(val(spk)).toBe(1);
      expectClose([val(now.mem)], [0.2], 'immediate reset', 1e-6);
    });
  });

  it('RLeaky checks its recurrent weights', () => {
    tidy(() => {
      expect(() =>
        rleakyStep(tensor([1, 2], [1, 2]), null, { beta: 0.5, recurrentWeight: tensor([1, 2, 3], [1, 3]) }),
      ).toThrow(/recurrentWeight must be \[2, 2\] for spikes \[1, 2\], got \[1, 3\]/);
      expect(() => rleakyStep(one(1), null, { beta: 0.5, recurrentBias: one(1) })).toThrow(
        /recurrentBias needs recurrentWeight/,
      );
    });
  });
});

describe('SpikingJelly nodes', () => {
  it('ParametricLIFNode starts w at -log(initTau - 1), so 1/tau = sigmoid(w)', () => {
    expect(1 / (1 + Math.exp(-parametricLIFNodeW(4)))).toBeCloseTo(0.25, 12);
    expect(() => parametricLIFNodeW(1)).toThrow(/initTau must be a number > 1/);
    tidy(() => {
      // tau 4 from v = 0: h = x/4.
      expectClose([val(parametricLIFNodeStep(one(2), null, { initTau: 4 })[1])], [0.5], 'h', 1e-6);
    });
  });

  it('the multi-step functions equal their step loops', () => {
    tidy(() => {
      const x = tensor([0.8, 0.9, 0.1, 1.6, 0.3, 0.7], [3, 2]);
      const loop = (step: (x: Tensor, v: Tensor | null) => [Tensor, Tensor]) => {
        const zs: Tensor[] = [];
        let v: Tensor | null = null;
        for (const xt of [0, 1, 2].map((t) =>
          tensor(Array.from(x.dataSync()).slice(2 * t, 2 * t + 2), [2]),
        )) {
          const [z, next] = step(xt, v);
          zs.push(z);
          v = next;
        }
        return Array.from(stack(zs).dataSync());
      };
      expect(Array.from(qifNode(x).spikes.dataSync())).toEqual(loop((xt, v) => qifNodeStep(xt, v)));
      expect(Array.from(eifNode(x).spikes.dataSync())).toEqual(loop((xt, v) => eifNodeStep(xt, v)));
      expect(Array.from(klifNode(x, null, { k: 1.5 }).spikes.dataSync())).toEqual(
        loop((xt, v) => klifNodeStep(xt, v, { k: 1.5 })),
      );
      expect(Array.from(parametricLIFNode(x).spikes.dataSync())).toEqual(
        loop((xt, v) => parametricLIFNodeStep(xt, v)),
      );
      const izh = izhikevichNode(x, null, { a: 0.1, b: 0.2 });
      let s = null;
      const ws: number[] = [];
      for (let t = 0; t < 3; t++) {
        const [, next] = izhikevichNodeStep(
          tensor(Array.from(x.dataSync()).slice(2 * t, 2 * t + 2), [2]),
          s,
          { a: 0.1, b: 0.2 },
        );
        ws.push(...next.w.dataSync());
        s = next;
      }
      expectClose(izh.w.dataSync(), ws, 'w', 1e-6);
    });
  });
});

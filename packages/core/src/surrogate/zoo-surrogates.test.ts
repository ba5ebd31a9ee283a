import { runKernel } from '../engine/api.js';
import { grad, mul, sigmoid, tensor, tidy } from '../index.js';
import { expectClose } from '../testing/fixtures.js';
import * as surrogate from './index.js';

const xs = [-1.5, -0.6, -0.2, 0, 0.2, 0.6, 1.5];
const values = (f: surrogate.SpikeFunction, inclusive = false) =>
  tidy(() => Array.from(f(tensor(xs, [xs.length]), inclusive).dataSync()));
const gradient = (f: surrogate.SpikeFunction) =>
  tidy(() => Array.from(grad((x) => f(x))(tensor(xs, [xs.length])).dataSync()));

describe('the libraries under their own names', () => {
  it("snnTorch's sigmoid has slope 25, SpikingJelly's Sigmoid alpha 4: the same name, two defaults", () => {
    expect(surrogate.snntorch.sigmoid().alpha).toBe(25);
    expect(surrogate.spikingjelly.sigmoid().alpha).toBe(4);
    expect(surrogate.sigmoid().alpha).toBe(4);
    expect(surrogate.snntorch.atan().alpha).toBe(2);
    expect(surrogate.spikingjelly.atan().alpha).toBe(2);
    expect(surrogate.snntorch.fastSigmoid().alpha).toBe(25);
    expect(surrogate.snntorch.straightThroughEstimator().surrogate).toBe('straightThrough');
    expect(surrogate.snntorch.triangular({ threshold: 2 }).alpha).toBe(2);
  });

  it('SpikingJelly defaults: PiecewiseQuadratic 1, PiecewiseExp 1, SoftSign 2, Erf 2, QPseudoSpike 2, S2NN 4', () => {
    const sj = surrogate.spikingjelly;
    expect(
      [sj.piecewiseQuadratic(), sj.piecewiseExp(), sj.softSign(), sj.erf(), sj.qPseudoSpike(), sj.s2nn()].map(
        (f) => f.alpha,
      ),
    ).toEqual([1, 1, 2, 2, 2, 4]);
    expect(sj.piecewiseLeakyReLU().surrogate).toBe('piecewiseLeakyReLU');
    expect(sj.leakyKReLU().surrogate).toBe('leakyKReLU');
  });
});

describe('surrogates with a second constant', () => {
  it("name a variant per value (defined once) and keep the library's default under the plain name", () => {
    expect(surrogate.spikeRateEscape().surrogate).toBe('spikeRateEscape');
    const b2 = surrogate.spikeRateEscape({ beta: 2, slope: 10 });
    expect(b2.surrogate).toBe('spikeRateEscape_beta2');
    expect(b2.alpha).toBe(10);
    expect(surrogate.spikeRateEscape({ beta: 2 }).surrogate).toBe('spikeRateEscape_beta2');
    expect(surrogate.leakyKReLU({ leak: 0.1 }).surrogate).toBe('leakyKReLU_leak0p1');
    expect(surrogate.piecewiseLeakyReLU({ c: -0.5 }).surrogate).toBe('piecewiseLeakyReLU_cm0p5');
    expect(surrogate.s2nn({ beta: 1e-7 }).surrogate).toBe('s2nn_beta1em7');
    expect(surrogate.getSurrogate('spikeRateEscape_beta2')).toBeDefined();
    // beta 2, slope 10 at x = 0: 10*exp(-2*|0 - 1|).
    expect(gradient(b2)[3]).toBeCloseTo(10 * Math.exp(-2), 5);
    expect(() => surrogate.spikeRateEscape({ beta: Number.NaN })).toThrow(/beta must be a finite number/);
  });
});

describe('surrogate formulas and domains', () => {
  it("triangular is snnTorch's: +threshold below 0, -threshold from 0 on", () => {
    expect(gradient(surrogate.triangular({ threshold: 1.5 }))).toEqual([
      1.5, 1.5, 1.5, -1.5, -1.5, -1.5, -1.5,
    ]);
  });

  it('leakyKReLU is leak below 0 and k from 0 on; S2NN switches formula at 0', () => {
    expect(gradient(surrogate.leakyKReLU({ leak: 0.25, k: 0.5 }))).toEqual([
      0.25, 0.25, 0.25, 0.5, 0.5, 0.5, 0.5,
    ]);
    const g = gradient(surrogate.s2nn({ alpha: 4, beta: 2 }));
    const s = 1 / (1 + Math.exp(2.4));
    expect(g[1]).toBeCloseTo(4 * s * (1 - s), 6);
    expect(g[5]).toBeCloseTo(2 / 1.6, 6);
  });

  it('QPseudoSpike needs alpha > 1, in its factory and in the kernel attrs', () => {
    expect(() => surrogate.qPseudoSpike({ alpha: 1 })).toThrow(/alpha must be a finite number > 1, got 1/);
    tidy(() => {
      const x = tensor([0.5], [1]);
      expect(() => runKernel('SpikeGrad', { dy: x, x }, { surrogate: 'qPseudoSpike', alpha: 0.9 })).toThrow(
        /> 1/,
      );
      expect(gradient(surrogate.qPseudoSpike({ alpha: 3 }))[4]).toBeCloseTo((1 + 0.2) ** -3, 5);
    });
  });
});

describe("SpikingJelly's spiking: false", () => {
  it('outputs the primitive and differentiates it as written', () => {
    const smooth = surrogate.spikingjelly.sigmoid({ alpha: 3, spiking: false });
    expect(smooth.surrogate).toBe('custom');
    tidy(() => {
      const want = Array.from(sigmoid(mul(tensor(xs, [xs.length]), 3)).dataSync());
      expectClose(values(smooth), want, 'sigmoid primitive', 1e-6);
    });
    // PiecewiseLeakyReLU(w=1): its spiking backward is 1/w inside, its primitive's slope 1/(2w).
    expect(gradient(surrogate.spikingjelly.piecewiseLeakyReLU())[4]).toBeCloseTo(1, 6);
    expect(gradient(surrogate.spikingjelly.piecewiseLeakyReLU({ spiking: false }))[4]).toBeCloseTo(0.5, 6);
    expectClose(
      values(surrogate.spikingjelly.leakyKReLU({ leak: 0.1, spiking: false })),
      xs.map((x) => (x < 0 ? 0.1 * x : x)),
      'leakyKReLU primitive',
      1e-6,
    );
  });

  it('a surrogate without a primitive says so', () => {
    tidy(() => {
      expect(() => surrogate.surrogatePrimitive('superspike', tensor([0], [1]), 100)).toThrow(
        /has no primitive/,
      );
    });
    expect(() => surrogate.primitiveSpikeFunction('atan')).toThrow(/cannot run with spiking: false/);
  });
});

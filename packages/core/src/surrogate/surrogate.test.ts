import { loadReferenceFixture } from '@snn/reference-fixtures';
import { abs, add, grad, mul, reciprocal, tensor, tidy } from '../index.js';
import { expectClose, expectSpikes } from '../testing/fixtures.js';
import * as surrogate from './index.js';
import { hostDerivative } from './registry.js';
import type { SurrogateName } from './resolve.js';

const fixture = loadReferenceFixture('surrogate-gradients');
const xs = fixture.inputs.x as number[];

describe('surrogate spike functions reproduce the libraries (surrogate-gradients.json)', () => {
  it.each([
    ['norse_superspike_alpha100', () => surrogate.superspike()],
    ['snntorch_atan_alpha2', () => surrogate.atan()],
    ['spikingjelly_atan_alpha2', () => surrogate.atan({ alpha: 2 })],
    ['snntorch_fast_sigmoid_slope25', () => surrogate.fastSigmoid()],
    ['spikingjelly_sigmoid_alpha4', () => surrogate.sigmoid()],
  ] as const)('%s: forward exact, derivative to 1e-4', (key, make) => {
    const [wantGrad, wantForward] = fixture.outputs[key] as [number[], number[]];
    const f = make();
    tidy(() => {
      const x = tensor(xs, [xs.length]);
      expectSpikes(f(x).dataSync(), wantForward, `${key} forward`);
      expectClose(grad((t) => f(t))(x).dataSync(), wantGrad, `${key} gradient`);
    });
  });

  it('defaults are the libraries: superspike 100, atan 2, sigmoid 4, fastSigmoid 25, triangle 1', () => {
    expect(surrogate.superspike().alpha).toBe(100);
    expect(surrogate.atan().alpha).toBe(2);
    expect(surrogate.sigmoid().alpha).toBe(4);
    expect(surrogate.fastSigmoid().alpha).toBe(25);
    expect(surrogate.fastSigmoid({ slope: 10 }).alpha).toBe(10);
    expect(surrogate.triangle().alpha).toBe(1);
    expect(surrogate.straightThrough().surrogate).toBe('straightThrough');
  });
});

describe('surrogate derivatives in core ops', () => {
  const names: [SurrogateName, number][] = [
    ['superspike', 100],
    ['atan', 2],
    ['sigmoid', 4],
    ['fastSigmoid', 25],
    ['triangle', 1],
    ['triangle', 2.5],
    ['straightThrough', 1],
  ];
  const points = Array.from({ length: 81 }, (_, k) => -2 + k * 0.05 + 0.001);

  it.each(names)('%s(alpha %d) agrees with the shared host formula', (name, alpha) => {
    tidy(() => {
      const got = surrogate.surrogateDerivative(name, tensor(points, [points.length]), alpha).dataSync();
      expectClose(
        got,
        points.map((x) => hostDerivative(name, x, alpha)),
        name,
        1e-5,
      );
    });
  });

  it.each(names)('%s: the gradient through the spike function is dy * derivative', (name, alpha) => {
    const f = surrogate.namedSpikeFunction(name, alpha);
    tidy(() => {
      const x = tensor(points, [points.length]);
      const dy = tensor(
        points.map((_, k) => (k % 3) - 1),
        [points.length],
      );
      const g = grad((t) => f(t))(x, dy).dataSync();
      expectClose(
        g,
        points.map((p, k) => ((k % 3) - 1) * hostDerivative(name, p, alpha)),
        name,
        1e-5,
      );
    });
  });
});

describe('threshold convention', () => {
  it('fires on x > 0 by default (Norse, snnTorch) and on x >= 0 when inclusive (SpikingJelly)', () => {
    const f = surrogate.atan();
    tidy(() => {
      const x = tensor([-1, 0, 1], [3]);
      expect(Array.from(f(x).dataSync())).toEqual([0, 0, 1]);
      expect(Array.from(f(x, true).dataSync())).toEqual([0, 1, 1]);
      // The surrogate is the same either way.
      expect(Array.from(grad((t) => f(t, true))(x).dataSync())).toEqual(
        Array.from(grad((t) => f(t))(x).dataSync()),
      );
    });
  });
});

describe('custom and heaviside', () => {
  it('custom derivative written in ops gives its values backward', () => {
    const f = surrogate.custom((x) => reciprocal(add(mul(abs(x), 3), 1)));
    tidy(() => {
      const x = tensor([-1, 0, 0.5], [3]);
      expect(Array.from(f(x).dataSync())).toEqual([0, 0, 1]);
      expectClose(grad((t) => f(t))(x).dataSync(), [1 / 4, 1, 1 / 2.5], 'custom');
    });
  });

  it('heaviside passes no gradient', () => {
    const f = surrogate.heaviside();
    tidy(() => {
      const x = tensor([-1, 0.5], [2]);
      expect(Array.from(f(x).dataSync())).toEqual([0, 1]);
      expect(Array.from(grad((t) => f(t))(x).dataSync())).toEqual([0, 0]);
    });
  });

  it('rejects a bad alpha and an unknown name', () => {
    expect(() => surrogate.atan({ alpha: -1 })).toThrow(/alpha must be a finite number > 0/);
    expect(() => surrogate.resolveSpikeFunction('nope' as 'super')).toThrow(/unknown spike method 'nope'/);
  });
});

import { loadReferenceFixture } from '@snn/reference-fixtures';
import { hostDerivative as surrogateDerivative } from './registry.js';

// inputs.x [n]; outputs[key] is [derivative [n], forward [n]].
const fixture = loadReferenceFixture('surrogate-gradients') as unknown as {
  inputs: { x: number[] };
  outputs: Record<string, [number[], number[]]>;
};

describe('host derivatives (the reference backend compiles them from the expressions)', () => {
  it.each([
    ['norse_superspike_alpha100', 'superspike', 100],
    ['snntorch_atan_alpha2', 'atan', 2],
    ['spikingjelly_atan_alpha2', 'atan', 2],
    ['snntorch_fast_sigmoid_slope25', 'fastSigmoid', 25],
    ['spikingjelly_sigmoid_alpha4', 'sigmoid', 4],
  ] as [string, string, number][])('%s matches the library (%s, alpha %d)', (key, name, alpha) => {
    const [expected, forward] = fixture.outputs[key];
    expect(expected).toHaveLength(fixture.inputs.x.length);
    fixture.inputs.x.forEach((x, i) => {
      expect(forward[i]).toBe(x > 0 ? 1 : 0);
      const want = expected[i];
      expect(Math.abs(surrogateDerivative(name, x, alpha) - want)).toBeLessThanOrEqual(1e-12 + 1e-9 * want);
    });
  });

  it('triangle is a unit-area triangle of half-width 1/alpha', () => {
    expect(surrogateDerivative('triangle', 0, 2)).toBe(2);
    expect(surrogateDerivative('triangle', 0.25, 2)).toBe(1);
    expect(surrogateDerivative('triangle', -0.5, 2)).toBe(0);
    expect(surrogateDerivative('triangle', 3, 2)).toBe(0);
    // Riemann sum of the area.
    let area = 0;
    for (let x = -1; x < 1; x += 1e-4) area += surrogateDerivative('triangle', x + 5e-5, 2) * 1e-4;
    expect(area).toBeCloseTo(1, 6);
  });

  it('straightThrough passes the gradient unchanged', () => {
    expect(surrogateDerivative('straightThrough', -3, 10)).toBe(1);
  });

  it('rejects an unknown name, listing the known ones', () => {
    expect(() => surrogateDerivative('nope', 0, 1)).toThrow(/superspike, atan/);
  });
});

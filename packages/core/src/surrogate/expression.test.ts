import { tensor, tidy } from '../index.js';
import { PROBE_SURROGATE } from '../testing/cases/probe-surrogate.js';
import { expectClose } from '../testing/fixtures.js';
import { surrogateDerivative } from './derivatives.js';
import { compileHost, type ExprAlgebra, evaluateExpression } from './evaluate.js';
import { abs, add, alpha, exp, mul, neg, sigmoid, square, sub, x } from './expression.js';
import { compileHostArray } from './host-array.js';
import { getSurrogate, surrogateNames } from './registry.js';

/** An algebra that prints and counts what a target is asked to compute. */
function printer(): { algebra: ExprAlgebra<string>; ops: string[] } {
  const ops: string[] = [];
  const algebra: ExprAlgebra<string> = {
    constant: (v) => String(v),
    unary: (op, a) => {
      ops.push(op);
      return `${op}(${a})`;
    },
    binary: (op, a, b) => {
      ops.push(op);
      return `${op}(${a}, ${b})`;
    },
    where: (op, l, r, a, b) => {
      ops.push('where');
      return `${op}(${l}, ${r}) ? ${a} : ${b}`;
    },
  };
  return { algebra, ops };
}

describe('evaluateExpression', () => {
  test('folds what does not depend on x into constants (host float64)', () => {
    const { algebra, ops } = printer();
    const e = mul(mul(alpha, Math.PI / 2), x);
    expect(evaluateExpression(e, { x: 'x', alpha: 3 }, algebra)).toBe(`mul(${3 * (Math.PI / 2)}, x)`);
    expect(ops).toEqual(['mul']);
    // With alpha as a target value (a WGSL uniform) nothing involving it folds.
    expect(evaluateExpression(e, { x: 'x', alpha: 'alpha' }, algebra)).toBe(
      `mul(mul(alpha, ${Math.PI / 2}), x)`,
    );
    expect(evaluateExpression(add(1, mul(2, alpha)), { x: 'x', alpha: 4 }, algebra)).toBe(9);
  });

  test('a node used twice is computed once, and shared through `share`', () => {
    const { algebra, ops } = printer();
    const s = sigmoid(mul(alpha, x));
    const shared: string[] = [];
    evaluateExpression(
      mul(s, sub(1, s)),
      { x: 'x', alpha: 2 },
      {
        ...algebra,
        share: (v) => {
          shared.push(v);
          return 's';
        },
      },
    );
    expect(ops.filter((op) => op === 'sigmoid')).toHaveLength(1);
    expect(shared).toEqual(['sigmoid(mul(2, x))']);
  });
});

describe('every defined surrogate: host closures, host arrays and core ops agree', () => {
  const points = [
    ...Array.from({ length: 81 }, (_, k) => -2 + k * 0.05 + 0.001),
    -1,
    0,
    0.5,
    1,
    -0,
    1e-30,
    -40,
    40,
  ];
  test.each([...new Set([...surrogateNames(), PROBE_SURROGATE.name])])('%s', (name) => {
    const def = getSurrogate(name)!;
    if (def.derivative === undefined) return;
    // A second alpha in the surrogate's domain (QPseudoSpike needs alpha > 1).
    for (const a of [def.alpha, (def.alphaAbove ?? 0) + 0.7]) {
      const host = compileHost(def.derivative, a);
      const closures = points.map(host);
      const arrays = Array.from(compileHostArray(def.derivative, a)(points));
      // Float64 on both host paths, the same operations in the same order: bit-identical.
      expect(arrays).toEqual(closures);
      // xs - shift is computed in float64 before the expression, as the LIF gradient kernel needs.
      const shifted = Array.from(
        compileHostArray(def.derivative, a)(
          points.map((p) => p + 0.25),
          0.25,
        ),
      );
      expect(shifted).toEqual(points.map((p) => host(p + 0.25 - 0.25)));
      tidy(() => {
        const got = surrogateDerivative(name, tensor(points, [points.length]), a).dataSync();
        expectClose(got, closures, `${name} core ops`, 1e-5);
      });
    }
  });

  test('a shared node feeds every use with its own value per element', () => {
    const u = abs(x);
    const f = compileHostArray(add(exp(neg(u)), square(u)), 1);
    expect(Array.from(f([-2, 0, 3]))).toEqual([-2, 0, 3].map((v) => Math.exp(-Math.abs(v)) + v * v));
  });
});

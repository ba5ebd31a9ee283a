import { surrogateDefinition } from '../definition.js';
import { abs, add, alpha, gt, lt, mul, neg, reciprocal, square, where, x } from '../expression.js';
import { TRIANGLE } from './triangle.js';

/**
 * SpikingJelly `PiecewiseQuadratic(alpha=1)`: 0 where |x| > 1/alpha, else alpha - alpha^2*|x|, which
 * is the unit-area triangle (`triangle`) under SpikingJelly's name and default.
 */
export const PIECEWISE_QUADRATIC = surrogateDefinition({
  name: 'piecewiseQuadratic',
  alpha: 1,
  derivative: TRIANGLE.derivative,
  // 0 below -1/alpha, 1 above 1/alpha, -alpha^2/2 * x*|x| + alpha*x + 1/2 between.
  primitive: where(
    gt(x, reciprocal(alpha)),
    1,
    where(
      lt(x, neg(reciprocal(alpha))),
      0,
      add(add(mul(mul(square(alpha), -0.5), mul(x, abs(x))), mul(alpha, x)), 0.5),
    ),
  ),
  matches: 'SpikingJelly PiecewiseQuadratic (alpha 1)',
});

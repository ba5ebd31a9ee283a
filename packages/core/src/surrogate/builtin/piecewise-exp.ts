import { surrogateDefinition } from '../definition.js';
import { abs, alpha, exp, lt, mul, neg, sub, where, x } from '../expression.js';

/** SpikingJelly `PiecewiseExp(alpha=1)`: (alpha/2) * exp(-alpha*|x|). */
export const PIECEWISE_EXP = surrogateDefinition({
  name: 'piecewiseExp',
  alpha: 1,
  derivative: mul(mul(alpha, 0.5), exp(neg(mul(alpha, abs(x))))),
  // exp(alpha*x)/2 below 0, 1 - exp(-alpha*x)/2 from 0 on.
  primitive: where(lt(x, 0), mul(exp(mul(alpha, x)), 0.5), sub(1, mul(exp(neg(mul(alpha, x))), 0.5))),
  matches: 'SpikingJelly PiecewiseExp (alpha 1)',
});

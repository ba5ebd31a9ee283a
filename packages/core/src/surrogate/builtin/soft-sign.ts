import { surrogateDefinition } from '../definition.js';
import { abs, add, alpha, div, mul, square, x } from '../expression.js';

/** SpikingJelly `SoftSign(alpha=2)`: alpha / (2*(1 + alpha*|x|)^2), the derivative of (softsign(alpha*x) + 1)/2. */
export const SOFT_SIGN = surrogateDefinition({
  name: 'softSign',
  alpha: 2,
  derivative: div(mul(alpha, 0.5), square(add(1, mul(alpha, abs(x))))),
  primitive: mul(add(div(mul(alpha, x), add(1, abs(mul(alpha, x)))), 1), 0.5),
  matches: 'SpikingJelly SoftSign (alpha 2)',
});

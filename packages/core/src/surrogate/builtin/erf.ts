import { surrogateDefinition } from '../definition.js';
import { abs, add, alpha, exp, lt, mul, neg, reciprocal, square, sub, where, x } from '../expression.js';

/** SpikingJelly `Erf(alpha=2)`: alpha/sqrt(pi) * exp(-(alpha*x)^2), the derivative of erfc(-alpha*x)/2. */
/*
 * Its primitive erfc(-alpha*x)/2 = (1 + erf(alpha*x))/2, with erf from Abramowitz & Stegun 7.1.26
 * (|error| <= 1.5e-7): for z = alpha*x, q = t*(a1 + t*(a2 + t*(a3 + t*(a4 + t*a5))))*exp(-z^2) with
 * t = 1/(1 + p*|z|); the primitive is q/2 below 0 and 1 - q/2 from 0 on.
 */
const z = mul(alpha, x);
const t = reciprocal(add(1, mul(0.3275911, abs(z))));
const poly = mul(
  t,
  add(
    0.254829592,
    mul(t, add(-0.284496736, mul(t, add(1.421413741, mul(t, add(-1.453152027, mul(t, 1.061405429))))))),
  ),
);
const q = mul(poly, exp(neg(square(z))));

export const ERF = surrogateDefinition({
  name: 'erf',
  alpha: 2,
  derivative: mul(mul(alpha, 1 / Math.sqrt(Math.PI)), exp(neg(square(mul(alpha, x))))),
  primitive: where(lt(x, 0), mul(q, 0.5), sub(1, mul(q, 0.5))),
  matches: 'SpikingJelly Erf (alpha 2)',
});

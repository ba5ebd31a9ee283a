import { surrogateDefinition } from '../definition.js';
import { abs, alpha, max, mul, sub, x } from '../expression.js';

/** alpha * max(0, 1 - alpha*|x|), alpha 1: a triangle of area 1 and half-width 1/alpha (Norse's 'tent'). */
export const TRIANGLE = surrogateDefinition({
  name: 'triangle',
  alpha: 1,
  derivative: mul(alpha, max(0, sub(1, mul(alpha, abs(x))))),
  matches: "unit-area triangle (Norse 'tent' shape)",
});

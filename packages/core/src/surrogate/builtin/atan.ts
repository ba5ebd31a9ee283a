import { surrogateDefinition } from '../definition.js';
import { add, alpha, div, mul, square, x } from '../expression.js';

/** (alpha/2) / (1 + (pi/2 * alpha * x)^2), alpha 2: snnTorch's default surrogate and SpikingJelly ATan. */
export const ATAN = surrogateDefinition({
  name: 'atan',
  alpha: 2,
  derivative: div(mul(alpha, 0.5), add(1, square(mul(mul(alpha, Math.PI / 2), x)))),
  matches: 'snnTorch surrogate.atan (its default), SpikingJelly ATan',
});

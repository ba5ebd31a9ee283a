import { surrogateDefinition } from '../definition.js';
import { alpha, lt, neg, where, x } from '../expression.js';

/**
 * snnTorch's `triangular(threshold=1)` exactly as its backward computes it: +threshold for x < 0 and
 * -threshold for x >= 0 (the sign flips at the threshold; it is not the unit-area triangle, see
 * `triangle`). alpha is snnTorch's `threshold` argument.
 */
export const TRIANGULAR = surrogateDefinition({
  name: 'triangular',
  alpha: 1,
  derivative: where(lt(x, 0), alpha, neg(alpha)),
  matches: 'snnTorch surrogate.triangular (threshold 1)',
});

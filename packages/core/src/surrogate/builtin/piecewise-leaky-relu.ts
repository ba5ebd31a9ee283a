import { type SurrogateSpec, surrogateDefinition } from '../definition.js';
import { abs, add, alpha, div, gt, lt, mul, neg, reciprocal, sub, where, x } from '../expression.js';
import { variantName } from './variant.js';

/** SpikingJelly's default c. */
export const PIECEWISE_LEAKY_RELU_C = 0.01;

/**
 * SpikingJelly `PiecewiseLeakyReLU(w=1, c=0.01)` as its backward computes it: 1/w where |x| < w, c
 * elsewhere (its primitive's slope inside is 1/(2w): SpikingJelly's backward is not its derivative).
 * alpha is w; c is part of the definition (see variant.ts).
 */
export function piecewiseLeakyReLUSpec(c: number): SurrogateSpec {
  return {
    name: variantName('piecewiseLeakyReLU', 'c', c, PIECEWISE_LEAKY_RELU_C),
    alpha: 1,
    derivative: where(lt(abs(x), alpha), reciprocal(alpha), c),
    // c*x + c*w below -w, c*x + 1 - c*w above w, x/(2w) + 1/2 between.
    primitive: where(
      lt(x, neg(alpha)),
      add(mul(c, x), mul(c, alpha)),
      where(gt(x, alpha), add(mul(c, x), sub(1, mul(c, alpha))), add(div(x, mul(alpha, 2)), 0.5)),
    ),
    matches: `SpikingJelly PiecewiseLeakyReLU (w 1, c ${c})`,
  };
}

export const PIECEWISE_LEAKY_RELU = surrogateDefinition(piecewiseLeakyReLUSpec(PIECEWISE_LEAKY_RELU_C));

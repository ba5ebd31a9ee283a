import { surrogateDefinition } from '../definition.js';
import { abs, add, alpha, div, exp, log, lt, mul, neg, sub, where, x } from '../expression.js';

const tail = mul(exp(mul(sub(1, alpha), log(add(1, div(mul(2, abs(x)), sub(alpha, 1)))))), 0.5);

/**
 * SpikingJelly `QPseudoSpike(alpha=2)`: (1 + 2|x|/(alpha - 1))^(-alpha), written as
 * exp(-alpha * log(1 + 2|x|/(alpha - 1))). Needs alpha > 1 (the tail index of the q-distribution).
 */
export const Q_PSEUDO_SPIKE = surrogateDefinition({
  name: 'qPseudoSpike',
  alpha: 2,
  alphaAbove: 1,
  derivative: exp(mul(neg(alpha), log(add(1, div(mul(2, abs(x)), sub(alpha, 1)))))),
  // 1/2 * (1 + 2|x|/(alpha - 1))^(1 - alpha) below 0, 1 minus that from 0 on.
  primitive: where(lt(x, 0), tail, sub(1, tail)),
  matches: 'SpikingJelly QPseudoSpike (alpha 2)',
});

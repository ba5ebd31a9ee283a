import { type SurrogateSpec, surrogateDefinition } from '../definition.js';
import { abs, add, alpha, div, log, lt, mul, sigmoid, sub, where, x } from '../expression.js';
import { variantName } from './variant.js';

/** SpikingJelly's default beta. */
export const S2NN_BETA = 1;

const s = sigmoid(mul(alpha, x));

/**
 * SpikingJelly `S2NN(alpha=4, beta=1)`: alpha*s*(1 - s) with s = sigmoid(alpha*x) for x < 0, and
 * beta/(x + 1) for x >= 0. alpha is alpha; beta is part of the definition (see variant.ts).
 */
export function s2nnSpec(beta: number): SurrogateSpec {
  return {
    name: variantName('s2nn', 'beta', beta, S2NN_BETA),
    alpha: 4,
    derivative: where(lt(x, 0), mul(mul(alpha, s), sub(1, s)), div(beta, add(x, 1))),
    // sigmoid(alpha*x) below 0, beta*log(|x + 1| + 1e-5) + 1/2 from 0 on (SpikingJelly's 1e-5).
    primitive: where(lt(x, 0), s, add(mul(beta, log(add(abs(add(x, 1)), 1e-5))), 0.5)),
    matches: `SpikingJelly S2NN (alpha 4, beta ${beta})`,
  };
}

export const S2NN = surrogateDefinition(s2nnSpec(S2NN_BETA));

import { surrogateDefinition } from '../definition.js';
import { abs, add, alpha, mul, reciprocal, square, x } from '../expression.js';

/** 1 / (alpha*|x| + 1)^2: SuperSpike (Zenke & Ganguli 2018), Norse's default method 'super', alpha 100. */
export const SUPERSPIKE = surrogateDefinition({
  name: 'superspike',
  alpha: 100,
  derivative: reciprocal(square(add(mul(alpha, abs(x)), 1))),
  matches: "Norse method 'super' (SuperSpike)",
});

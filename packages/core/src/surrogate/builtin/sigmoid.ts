import { surrogateDefinition } from '../definition.js';
import { alpha, mul, sigmoid, sub, x } from '../expression.js';

const s = sigmoid(mul(alpha, x));

/** alpha * s * (1 - s) with s = sigmoid(alpha*x), alpha 4: SpikingJelly's default (snnTorch's sigmoid uses 25). */
export const SIGMOID = surrogateDefinition({
  name: 'sigmoid',
  alpha: 4,
  derivative: mul(mul(alpha, s), sub(1, s)),
  primitive: s,
  matches: 'SpikingJelly Sigmoid (its default); snnTorch surrogate.sigmoid with alpha 25',
});

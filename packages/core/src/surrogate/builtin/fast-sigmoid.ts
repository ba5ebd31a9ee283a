import { surrogateDefinition } from '../definition.js';
import { SUPERSPIKE } from './superspike.js';

/** snnTorch's fast sigmoid: SuperSpike's 1 / (slope*|x| + 1)^2 with snnTorch's default slope 25. */
export const FAST_SIGMOID = surrogateDefinition({
  name: 'fastSigmoid',
  alpha: 25,
  derivative: SUPERSPIKE.derivative,
  matches: 'snnTorch surrogate.fast_sigmoid (slope 25)',
});

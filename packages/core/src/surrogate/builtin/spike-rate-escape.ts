import { type SurrogateSpec, surrogateDefinition } from '../definition.js';
import { abs, alpha, exp, mul, neg, sub, x } from '../expression.js';
import { variantName } from './variant.js';

/** snnTorch's default beta. */
export const SPIKE_RATE_ESCAPE_BETA = 1;

/**
 * snnTorch `spike_rate_escape(beta=1, slope=25)`: slope * exp(-beta*|x - 1|), an escape-noise rate
 * centred at x = 1 as snnTorch writes it. alpha is the slope; beta is part of the definition
 * (see variant.ts).
 */
export function spikeRateEscapeSpec(beta: number): SurrogateSpec {
  return {
    name: variantName('spikeRateEscape', 'beta', beta, SPIKE_RATE_ESCAPE_BETA),
    alpha: 25,
    derivative: mul(alpha, exp(mul(neg(beta), abs(sub(x, 1))))),
    matches: `snnTorch surrogate.spike_rate_escape (beta ${beta}, slope 25)`,
  };
}

export const SPIKE_RATE_ESCAPE = surrogateDefinition(spikeRateEscapeSpec(SPIKE_RATE_ESCAPE_BETA));

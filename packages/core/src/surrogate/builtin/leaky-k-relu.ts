import { type SurrogateSpec, surrogateDefinition } from '../definition.js';
import { alpha, lt, mul, where, x } from '../expression.js';
import { variantName } from './variant.js';

/** SpikingJelly's default leak. */
export const LEAKY_K_RELU_LEAK = 0;

/**
 * SpikingJelly `LeakyKReLU(leak=0, k=1)`: leak for x < 0, k for x >= 0. alpha is k; leak is part of
 * the definition (see variant.ts).
 */
export function leakyKReLUSpec(leak: number): SurrogateSpec {
  return {
    name: variantName('leakyKReLU', 'leak', leak, LEAKY_K_RELU_LEAK),
    alpha: 1,
    derivative: where(lt(x, 0), leak, alpha),
    primitive: where(lt(x, 0), mul(leak, x), mul(alpha, x)),
    matches: `SpikingJelly LeakyKReLU (leak ${leak}, k 1)`,
  };
}

export const LEAKY_K_RELU = surrogateDefinition(leakyKReLUSpec(LEAKY_K_RELU_LEAK));

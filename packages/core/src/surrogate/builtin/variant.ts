/*
 * Some library surrogates take a second constant besides their slope (snnTorch spike_rate_escape's
 * beta, SpikingJelly's PiecewiseLeakyReLU c, LeakyKReLU leak, S2NN beta). Kernels carry one `alpha`,
 * so such a constant is part of the surrogate's definition: the library default under the plain name,
 * any other value as its own surrogate named after it (`spikeRateEscape_beta2`,
 * `leakyKReLU_leak0p1`), defined the first time it is asked for. Every backend runs it like any other.
 */

/** `base` for the default value, else `base_<key><value>` with '.' as 'p' and '-' as 'm'. */
export function variantName(base: string, key: string, value: number, defaultValue: number): string {
  if (value === defaultValue) return base;
  const text = String(value).replace(/\+/g, '').replace(/\./g, 'p').replace(/-/g, 'm');
  return `${base}_${key}${text}`;
}

/**
 * mulberry32 (Tommy Ettinger, public domain): a 32-bit state generator, small, fast and fully
 * specified by these lines, so a seed gives the same order in every engine and in any port.
 * Statistical quality is ample for shuffling; it is not for cryptography.
 *
 * @param seed - Any number; its low 32 bits (as unsigned) are the state.
 * @returns A generator of uniform 32-bit unsigned integers.
 * @example
 * ```ts
 * const next = mulberry32(42);
 * const u = next() / 2 ** 32; // uniform in [0, 1)
 * console.log(mulberry32(42)() === mulberry32(42)()); // true: same seed, same stream
 * ```
 */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return (t ^ (t >>> 14)) >>> 0;
  };
}

/** Uniform integer in [0, n) without modulo bias (rejects the top partial block). n <= 2^32. */
export function uniformInt(next: () => number, n: number): number {
  const limit = 2 ** 32 - (2 ** 32 % n);
  let x = next();
  while (x >= limit) x = next();
  return x % n;
}

/** Seed for epoch `epoch` of a run seeded with `seed`: distinct epochs get unrelated streams. */
export function epochSeed(seed: number, epoch: number): number {
  // One round of mulberry32 on a golden-ratio mix of the two, so seed 1/epoch 0 and seed 0/epoch 1 differ.
  return mulberry32((seed ^ Math.imul(epoch + 1, 0x9e3779b9)) >>> 0)();
}

/**
 * Fisher-Yates permutation of 0..n-1 driven by mulberry32(seed).
 *
 * @param n - The number of items.
 * @param seed - The generator's seed: the same seed gives the same order in every engine.
 * @example
 * ```ts
 * const order = permutation(5, 7); // 0..4 in a seeded order
 * console.log([...order].sort()); // [0, 1, 2, 3, 4]
 * ```
 */
export function permutation(n: number, seed: number): Uint32Array {
  const out = new Uint32Array(n);
  for (let i = 0; i < n; i++) out[i] = i;
  const next = mulberry32(seed);
  for (let i = n - 1; i > 0; i--) {
    const j = uniformInt(next, i + 1);
    const t = out[i];
    out[i] = out[j];
    out[j] = t;
  }
  return out;
}

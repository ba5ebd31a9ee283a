/*
 * Where modules get their random seeds when the caller gives none (PyTorch's `torch.manual_seed`).
 * Every draw is a pure function of (global seed, draw index), so a program that builds the same
 * modules in the same order after `manualSeed(s)` gets the same weights, and the generator's state
 * is two integers a checkpoint can store.
 */

let globalSeed = 0;
let draws = 0;

/**
 * Resets the default seed sequence, as `torch.manual_seed(seed)` does.
 *
 * @param seed - A non-negative safe integer.
 * @example
 * ```ts
 * manualSeed(42); // torch.manual_seed(42)
 * const a = new Linear(2, 2);
 * manualSeed(42);
 * const b = new Linear(2, 2); // the same weights as a
 * ```
 */
export function manualSeed(seed: number): void {
  if (!Number.isSafeInteger(seed) || seed < 0) {
    throw new RangeError(`manualSeed: seed must be a non-negative safe integer, got ${seed}`);
  }
  globalSeed = seed;
  draws = 0;
}

// splitmix64-style mixing done in 32-bit halves, so seeds are well spread and below 2^53.
function mix32(x: number): number {
  x = Math.imul(x ^ (x >>> 16), 0x7feb352d);
  x = Math.imul(x ^ (x >>> 15), 0x846ca68b);
  return (x ^ (x >>> 16)) >>> 0;
}

/**
 * The next seed of the default sequence (a non-negative integer below 2^53): what a module given no
 * `seed` draws its initial weights from.
 *
 * @example
 * ```ts
 * manualSeed(7);
 * const seed = nextSeed(); // the seed a layer made now would take
 * const w = uniformFanIn([10, 784], 784, seed);
 * manualSeed(7);
 * console.log(nextSeed() === seed); // true: a pure function of the seed and the draw count
 * ```
 */
export function nextSeed(): number {
  const i = draws++;
  const lo = mix32((globalSeed >>> 0) ^ mix32(i * 2 + 1));
  const hi = mix32(Math.floor(globalSeed / 2 ** 32) ^ mix32(i * 2 + 2) ^ lo) & 0x1fffff;
  return hi * 2 ** 32 + lo;
}

/** The default seed sequence's state: where `nextSeed` is, as two integers a checkpoint can store. */
export interface SeedState {
  /** The seed last given to `manualSeed` (0 before any call). */
  readonly seed: number;
  /** Seeds drawn from the sequence since then. */
  readonly draws: number;
}

/**
 * The default seed sequence's state now (checkpoints save it so a resumed run draws the same seeds).
 *
 * @example
 * ```ts
 * manualSeed(3);
 * new Linear(4, 2); // draws two seeds: weight and bias
 * console.log(getSeedState()); // { seed: 3, draws: 2 }
 * ```
 */
export function getSeedState(): SeedState {
  return { seed: globalSeed, draws };
}

/**
 * Puts the default seed sequence back to a state from `getSeedState`: the next `nextSeed` calls
 * return what they returned after it.
 *
 * @param state - A state from `getSeedState` (`seed` a non-negative safe integer).
 * @example
 * ```ts
 * const saved = getSeedState();
 * const a = new Linear(4, 2);
 * setSeedState(saved);
 * const b = new Linear(4, 2); // the same weights as a
 * ```
 */
export function setSeedState(state: SeedState): void {
  manualSeed(state.seed);
  draws = state.draws;
}

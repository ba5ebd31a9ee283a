/*
 * Philox4x32-10 (Salmon, Moraes, Dror, Shaw: "Parallel random numbers: as easy as 1, 2, 3", SC 2011),
 * the counter-based generator every @snn backend implements identically. This file is the
 * specification: the RandomUniform kernel in every backend must reproduce `uniformFloat32` bit for bit.
 *
 * A counter-based generator maps (counter, key) to random words with no hidden state, so any element
 * of a stream can be computed independently (in a GPU thread, in a worker) from its index alone.
 */

const M0 = 0xd2511f53;
const M1 = 0xcd9e8d57;
const W0 = 0x9e3779b9;
const W1 = 0xbb67ae85;
const TWO_POW_32 = 4294967296;
const TWO_POW_MINUS_24 = 1 / 16777216;

/** High 32 bits of the 64-bit product of two unsigned 32-bit words (exact: split into 16-bit halves). */
export function mulHi32(a: number, b: number): number {
  const aLo = a & 0xffff;
  const aHi = a >>> 16;
  const bLo = b & 0xffff;
  const bHi = b >>> 16;
  const loLo = aLo * bLo;
  const hiLo = aHi * bLo;
  const loHi = aLo * bHi;
  const hiHi = aHi * bHi;
  // Bits 16..47 of the product; every term is below 2^33, so double arithmetic is exact.
  const cross = (loLo >>> 16) + (hiLo & 0xffff) + loHi;
  // cross / 65536 is positive and below 2^17, so `>>> 0` is floor; Math.floor is a slow cross-realm
  // call inside jest's sandbox (about 70x slower Philox there).
  return (hiHi + (hiLo >>> 16) + ((cross / 65536) >>> 0)) >>> 0;
}

/**
 * Philox4x32 with 10 rounds. `counter` is 4 and `key` 2 unsigned 32-bit words. Writes the 4 output
 * words into `out` (fresh array if omitted) and returns it.
 *
 * @param counter - 4 unsigned 32-bit words.
 * @param key - 2 unsigned 32-bit words (the seed).
 * @param out - Where the 4 output words go; default a new array.
 * @example
 * ```ts
 * const words = philox4x32_10([0, 0, 0, 0], [42, 0]); // Uint32Array(4): the first block of seed 42
 * ```
 */
export function philox4x32_10(
  counter: readonly [number, number, number, number] | Uint32Array,
  key: readonly [number, number] | Uint32Array,
  out: Uint32Array = new Uint32Array(4),
): Uint32Array {
  let c0 = counter[0] >>> 0;
  let c1 = counter[1] >>> 0;
  let c2 = counter[2] >>> 0;
  let c3 = counter[3] >>> 0;
  let k0 = key[0] >>> 0;
  let k1 = key[1] >>> 0;
  for (let round = 0; round < 10; round++) {
    if (round > 0) {
      // The key schedule: bump by the Weyl constants between rounds (9 bumps for 10 rounds).
      k0 = (k0 + W0) >>> 0;
      k1 = (k1 + W1) >>> 0;
    }
    const hi0 = mulHi32(M0, c0);
    const lo0 = Math.imul(M0, c0) >>> 0;
    const hi1 = mulHi32(M1, c2);
    const lo1 = Math.imul(M1, c2) >>> 0;
    c0 = (hi1 ^ c1 ^ k0) >>> 0;
    c1 = lo1;
    c2 = (hi0 ^ c3 ^ k1) >>> 0;
    c3 = lo0;
  }
  out[0] = c0;
  out[1] = c1;
  out[2] = c2;
  out[3] = c3;
  return out;
}

/** Low and high 32-bit words of a non-negative integer below 2^53. */
export function splitUint53(value: number): [number, number] {
  if (!Number.isSafeInteger(value) || value < 0) {
    throw new RangeError(`philox: expected a non-negative integer below 2^53, got ${value}`);
  }
  return [(value % TWO_POW_32) >>> 0, Math.floor(value / TWO_POW_32) >>> 0];
}

/** A 32-bit random word to a float32 in [0, 1): its top 24 bits times 2^-24 (exact in float32). */
export function wordToUniform(word: number): number {
  return (word >>> 8) * TWO_POW_MINUS_24;
}

/**
 * The RandomUniform specification: element i is word (i % 4) of
 * philox4x32_10([lo32(offset + floor(i/4)), hi32(offset + floor(i/4)), 0, 0], [lo32(seed), hi32(seed)]),
 * converted by `wordToUniform`. `seed` and `offset` are non-negative integers below 2^53; `offset`
 * counts 4-element blocks, so a caller that used n elements continues with offset + ceil(n / 4).
 *
 * @param size - How many values.
 * @param seed - A non-negative integer below 2^53.
 * @param offset - The first 4-element block of the stream, default 0.
 * @example
 * ```ts
 * const u = uniformFloat32(6, 42); // the values randomUniform([6], { seed: 42 }) holds, on every backend
 * const next = uniformFloat32(4, 42, 2); // continues after 2 blocks (8 values)
 * ```
 */
export function uniformFloat32(size: number, seed: number, offset = 0): Float32Array {
  const key = splitUint53(seed);
  splitUint53(offset);
  const out = new Float32Array(size);
  const counter = new Uint32Array(4);
  const words = new Uint32Array(4);
  const blocks = Math.ceil(size / 4);
  if (!Number.isSafeInteger(offset + blocks)) {
    throw new RangeError(`philox: offset ${offset} + ${blocks} blocks passes 2^53`);
  }
  for (let block = 0; block < blocks; block++) {
    const c = offset + block;
    counter[0] = c % TWO_POW_32;
    counter[1] = Math.floor(c / TWO_POW_32);
    philox4x32_10(counter, key, words);
    const base = block * 4;
    const n = Math.min(4, size - base);
    for (let j = 0; j < n; j++) out[base + j] = wordToUniform(words[j]);
  }
  return out;
}

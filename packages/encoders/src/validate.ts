import { ArgumentError } from '@snn/core';

/** Throws unless `n` is an integer >= 1 (a sequence length or number of time steps). */
export function checkSeqLength(fn: string, n: number, name = 'seqLength'): void {
  if (!Number.isInteger(n) || n < 1) {
    throw new ArgumentError(`${fn}: ${name} must be an integer >= 1, got ${String(n)}`);
  }
}

/** Throws unless `v` is a finite number >= 0 (or > 0 with `strict`). */
export function checkNonNegative(fn: string, name: string, v: number, strict = false): void {
  if (typeof v !== 'number' || !Number.isFinite(v) || v < 0 || (strict && v === 0)) {
    throw new ArgumentError(
      `${fn}: ${name} must be a finite number ${strict ? '> 0' : '>= 0'}, got ${String(v)}`,
    );
  }
}

/** Throws unless `seed` is a non-negative integer below 2^53 (what the Philox generator accepts). */
export function checkSeed(fn: string, seed: number, name = 'seed'): void {
  if (!Number.isSafeInteger(seed) || seed < 0) {
    throw new ArgumentError(`${fn}: ${name} must be a non-negative integer below 2^53, got ${String(seed)}`);
  }
}

/** A random seed for callers that gave none (documented: pass a seed for reproducible spikes). */
export function randomSeed(): number {
  return Math.floor(Math.random() * 2 ** 32);
}

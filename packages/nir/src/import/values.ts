import { type Tensor, tensor } from '@snn/core';
import type { NirArray } from '../ir/graph.js';

/** A parameter our cells take: the number when every element is the same, else a float32 tensor. */
export function paramOf(a: NirArray, f: (x: number) => number = (x) => x): number | Tensor {
  const first = f(a.data[0]);
  let uniform = true;
  for (let k = 1; k < a.data.length && uniform; k++) uniform = f(a.data[k]) === first;
  if (uniform && a.data.length > 0) return first;
  return tensor(Float32Array.from(a.data, f), [...a.shape]);
}

/** Whether every element satisfies `test`. */
export const every = (a: NirArray, test: (x: number, k: number) => boolean): boolean =>
  Array.from(a.data).every(test);

/** Equal to within float32 rounding (files written in float32 by snnTorch, in float64 by us). */
export const near = (x: number, y: number): boolean =>
  Math.abs(x - y) <= 1e-6 * Math.max(Math.abs(x), Math.abs(y));

/** Element k of the product of arrays, for checks across fields of one node. */
export const at = (a: NirArray, k: number): number => (a.data.length === 1 ? a.data[0] : a.data[k]);

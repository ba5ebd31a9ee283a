import { ArgumentError } from '@snn/core';

/** The C side iterates at most this many dims (csrc/nd.h). */
const ND_MAX = 8;

/** Contiguous (row-major) element strides of a shape. */
export function contiguousStrides(shape: readonly number[]): number[] {
  const s = new Array<number>(shape.length);
  let acc = 1;
  for (let d = shape.length - 1; d >= 0; d--) {
    s[d] = acc;
    acc *= shape[d];
  }
  return s;
}

/** Strides of `inShape` read as the (right-aligned, NumPy-broadcast) `outShape`: 0 on broadcast dims. */
export function broadcastStrides(inShape: readonly number[], outShape: readonly number[]): number[] {
  const own = contiguousStrides(inShape);
  const off = outShape.length - inShape.length;
  return outShape.map((_d, k) => {
    const i = k - off;
    return i < 0 || inShape[i] === 1 ? 0 : own[i];
  });
}

/**
 * The parameter block of csrc/nd.h for iterating `shape` with one stride array per operand: dims of
 * size 1 are dropped and neighbours merged wherever every operand is contiguous across them, so most
 * calls become one or two long loops. Layout: [rank, shape..., strides of operand 0..., ...].
 */
export function ndParams(shape: readonly number[], strides: readonly (readonly number[])[]): number[] {
  const dims: number[] = [];
  const st: number[][] = strides.map(() => []);
  for (let d = 0; d < shape.length; d++) {
    if (shape[d] === 1) continue;
    const last = dims.length - 1;
    if (last >= 0 && strides.every((s, o) => st[o][last] === s[d] * shape[d])) {
      dims[last] *= shape[d];
      strides.forEach((s, o) => {
        st[o][last] = s[d];
      });
      continue;
    }
    dims.push(shape[d]);
    strides.forEach((s, o) => {
      st[o].push(s[d]);
    });
  }
  if (dims.length === 0) {
    dims.push(1);
    for (const s of st) s.push(0);
  }
  if (dims.length > ND_MAX) {
    throw new ArgumentError(
      `backend 'wasm': an elementwise or movement kernel over ${dims.length} non-mergeable dims exceeds the supported ${ND_MAX}`,
    );
  }
  const out = [dims.length, ...dims];
  for (const s of st) out.push(...s);
  return out;
}

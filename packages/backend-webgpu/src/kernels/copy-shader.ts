import { type DType, sizeFromShape, stridesFromShape, type TensorInfo } from '@snn/core';
import {
  ELEMENTWISE_WG,
  elementwiseMain,
  grid,
  header,
  MAX_RANK,
  type Program,
  Uniforms,
  wgslType,
} from '../program.js';
import type { WebGPUBackend } from '../webgpu-backend.js';
import { checkRank } from './indexing.js';

/*
 * One strided-copy shader behind Transpose, Slice, Pad, BroadcastTo and Concat: for every coordinate
 * c of an iteration shape, out[outOffset + c . outStrides] = x[inOffset + (c - padBefore) . inStrides],
 * or the pad value where c - padBefore falls outside inShape.
 * Uniform words: 0 size, 1 rank, 2 inOffset, 3 outOffset, 4 pad value bits, then iterShape,
 * inStrides, outStrides, padBefore, inShape (MAX_RANK words each, from word 8).
 */
const ITER = 8;
const IN_STRIDES = ITER + MAX_RANK;
const OUT_STRIDES = IN_STRIDES + MAX_RANK;
const PAD_BEFORE = OUT_STRIDES + MAX_RANK;
const IN_SHAPE = PAD_BEFORE + MAX_RANK;
const WORDS = IN_SHAPE + MAX_RANK;

export function copyProgram(dtype: DType): Program {
  const t = wgslType(dtype);
  return {
    key: `StridedCopy:${dtype}`,
    numInputs: 1,
    numOutputs: 1,
    uniformWords: WORDS,
    build: () => `${header([{ name: 'x', type: t }], [{ name: 'out', type: t }], WORDS)}
${elementwiseMain(`  if (idx >= pu(0u)) { return; }
  let rank = pu(1u);
  var rem = idx;
  var inOff = pu(2u);
  var outOff = pu(3u);
  var inside = true;
  for (var k = 0u; k < rank; k++) {
    let d = rank - 1u - k;
    let dim = pu(${ITER}u + d);
    let c = rem % dim;
    rem = rem / dim;
    outOff += c * pu(${OUT_STRIDES}u + d);
    let ci = i32(c) - i32(pu(${PAD_BEFORE}u + d));
    if (ci < 0 || ci >= i32(pu(${IN_SHAPE}u + d))) { inside = false; } else { inOff += u32(ci) * pu(${IN_STRIDES}u + d); }
  }
  var v = bitcast<${t}>(pu(4u));
  if (inside) { v = x[inOff]; }
  out[outOff] = v;`)}`,
  };
}

export interface CopySpec {
  readonly iterShape: readonly number[];
  readonly inStrides: readonly number[];
  readonly inOffset?: number;
  readonly outStrides?: readonly number[];
  readonly outOffset?: number;
  /** Per-dimension padding before the input; with padBefore, inShape bounds the valid region. */
  readonly padBefore?: readonly number[];
  readonly inShape?: readonly number[];
  readonly padValue?: number;
}

/** Encodes one strided copy from x into out. */
export function stridedCopy(
  backend: WebGPUBackend,
  x: TensorInfo,
  out: TensorInfo,
  spec: CopySpec,
  op: string,
): void {
  checkRank(op, spec.iterShape);
  const size = sizeFromShape(spec.iterShape);
  const u = new Uniforms(WORDS)
    .u(0, size)
    .u(1, spec.iterShape.length)
    .u(2, spec.inOffset ?? 0)
    .u(3, spec.outOffset ?? 0)
    .typed(4, spec.padValue ?? 0, x.dtype)
    .arr(ITER, spec.iterShape)
    .arr(IN_STRIDES, spec.inStrides)
    .arr(OUT_STRIDES, spec.outStrides ?? stridesFromShape(spec.iterShape))
    .arr(PAD_BEFORE, spec.padBefore ?? spec.iterShape.map(() => 0))
    .arr(IN_SHAPE, spec.inShape ?? spec.iterShape);
  backend.run(copyProgram(x.dtype), [x], [out], u, grid(Math.ceil(size / ELEMENTWISE_WG)));
}

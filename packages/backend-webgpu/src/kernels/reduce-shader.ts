import { type DType, reduceShape, sizeFromShape, stridesFromShape, type TensorInfo } from '@snn/core';
import { grid, header, MAX_RANK, type Program, Uniforms, wgslType } from '../program.js';
import type { WebGPUBackend } from '../webgpu-backend.js';
import { checkRank, STRIDED_OFFSET_WGSL } from './indexing.js';

/*
 * Sum and Max: one workgroup of 64 threads per output element. Each thread folds a strided share of
 * the reduced elements, then a shared-memory tree combines the 64 partials. The input is addressed
 * through two mixed-radix systems in the uniforms: the kept dims (which output element) and the
 * reduced dims (which element of the reduction), so any sorted set of axes needs no transpose.
 * Uniform words: 0 outSize, 1 reduceSize, 2 keptRank, 3 reducedRank, then keptShape, keptStrides,
 * reducedShape, reducedStrides (MAX_RANK words each).
 */
const WG = 64;
const KEPT_SHAPE = 4;
const KEPT_STRIDES = KEPT_SHAPE + MAX_RANK;
const RED_SHAPE = KEPT_STRIDES + MAX_RANK;
const RED_STRIDES = RED_SHAPE + MAX_RANK;
const WORDS = RED_STRIDES + MAX_RANK;

export type ReduceOp = 'Sum' | 'Max';

export function reduceOutDtype(op: ReduceOp, dtype: DType): DType {
  return op === 'Sum' && dtype !== 'float32' ? 'int32' : dtype;
}

export function reduceProgram(op: ReduceOp, dtype: DType): Program {
  const outDtype = reduceOutDtype(op, dtype);
  const acc = wgslType(outDtype);
  const init =
    op === 'Sum'
      ? acc === 'f32'
        ? '0.0'
        : '0'
      : acc === 'f32'
        ? '-inf_f32()'
        : acc === 'i32'
          ? 'i32(-2147483647) - 1'
          : '0u';
  const combine =
    op === 'Sum'
      ? 'a + b'
      : acc === 'f32'
        ? 'select(max(a, b), nan_f32(), is_nan(a) || is_nan(b))'
        : 'max(a, b)';
  return {
    key: `${op}:${dtype}`,
    numInputs: 1,
    numOutputs: 1,
    uniformWords: WORDS,
    build: () => `${header([{ name: 'x', type: wgslType(dtype) }], [{ name: 'out', type: acc }], WORDS)}
${STRIDED_OFFSET_WGSL}
fn combine(a: ${acc}, b: ${acc}) -> ${acc} { return ${combine}; }
var<workgroup> partial: array<${acc}, ${WG}>;
@compute @workgroup_size(${WG})
fn main(@builtin(local_invocation_index) lid: u32, @builtin(workgroup_id) wid: vec3<u32>,
        @builtin(num_workgroups) nwg: vec3<u32>) {
  let o = wid.x + wid.y * nwg.x;
  if (o >= pu(0u)) { return; }
  let base = strided_offset(o, pu(2u), ${KEPT_SHAPE}u, ${KEPT_STRIDES}u);
  let n = pu(1u);
  var a: ${acc} = ${init};
  for (var r = lid; r < n; r += ${WG}u) {
    a = combine(a, ${acc}(x[base + strided_offset(r, pu(3u), ${RED_SHAPE}u, ${RED_STRIDES}u)]));
  }
  partial[lid] = a;
  workgroupBarrier();
  for (var s = ${WG / 2}u; s > 0u; s = s >> 1u) {
    if (lid < s) { partial[lid] = combine(partial[lid], partial[lid + s]); }
    workgroupBarrier();
  }
  if (lid == 0u) { out[o] = partial[0]; }
}`,
  };
}

export function reduce(
  backend: WebGPUBackend,
  op: ReduceOp,
  x: TensorInfo,
  axes: readonly number[],
  keepDims: boolean,
): TensorInfo {
  checkRank(op, x.shape);
  const outShape = reduceShape(x.shape, axes, keepDims);
  const out = backend.output(outShape, reduceOutDtype(op, x.dtype));
  const strides = stridesFromShape(x.shape);
  const keptShape: number[] = [];
  const keptStrides: number[] = [];
  const redShape: number[] = [];
  const redStrides: number[] = [];
  x.shape.forEach((d, i) => {
    if (axes.includes(i)) {
      redShape.push(d);
      redStrides.push(strides[i]);
    } else {
      keptShape.push(d);
      keptStrides.push(strides[i]);
    }
  });
  const outSize = sizeFromShape(outShape);
  const u = new Uniforms(WORDS)
    .u(0, outSize)
    .u(1, sizeFromShape(redShape))
    .u(2, keptShape.length)
    .u(3, redShape.length)
    .arr(KEPT_SHAPE, keptShape)
    .arr(KEPT_STRIDES, keptStrides)
    .arr(RED_SHAPE, redShape)
    .arr(RED_STRIDES, redStrides);
  backend.run(reduceProgram(op, x.dtype), [x], [out], u, grid(outSize));
  return out;
}

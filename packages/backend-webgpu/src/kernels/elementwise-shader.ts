import { type DType, shapesEqual, sizeFromShape, type TensorInfo } from '@snn/core';
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
import { broadcastStrides, checkRank, STRIDED_OFFSET_WGSL } from './indexing.js';

/*
 * The broadcasting elementwise machinery: one generic shader per (operation, dtypes). Uniform layout:
 * w0 size, w1 rank, w2 bitmask of inputs that are contiguous with the output's shape (read at idx),
 * w4.. output shape, then MAX_RANK strides per input starting at word 4 + MAX_RANK.
 */
const SHAPE_BASE = 4;
const strideBase = (input: number) => SHAPE_BASE + MAX_RANK * (1 + input);
export const elementwiseWords = (numInputs: number) => SHAPE_BASE + MAX_RANK * (1 + numInputs);

/** WGSL for loading input k (named `in<k>`) at output element `idx`. */
function load(k: number): string {
  return `in${k}[select(strided_offset(idx, pu(1u), ${SHAPE_BASE}u, ${strideBase(k)}u), idx, (pu(2u) & ${1 << k}u) != 0u)]`;
}

/**
 * A program computing out[idx] = expr over broadcast inputs `in0, in1, ...`. `expr` sees the loaded
 * values as `v0, v1, ...`; `helpers` is extra WGSL (functions the expression calls).
 */
export function elementwiseProgram(
  key: string,
  inDtypes: readonly DType[],
  outDtype: DType,
  expr: string,
  helpers = '',
): Program {
  const words = elementwiseWords(inDtypes.length);
  return {
    key,
    numInputs: inDtypes.length,
    numOutputs: 1,
    uniformWords: words,
    build: () => {
      const loads = inDtypes.map((_, k) => `  let v${k} = ${load(k)};`).join('\n');
      return `${header(
        inDtypes.map((d, k) => ({ name: `in${k}`, type: wgslType(d) })),
        [{ name: 'out', type: wgslType(outDtype) }],
        words,
      )}
${STRIDED_OFFSET_WGSL}
${helpers}
${elementwiseMain(`  if (idx >= pu(0u)) { return; }
${loads}
  out[idx] = ${expr};`)}`;
    },
  };
}

/** Runs an elementwise program over inputs broadcast to `outShape`; returns the output. */
export function runElementwise(
  backend: WebGPUBackend,
  program: Program,
  inputs: readonly TensorInfo[],
  outShape: readonly number[],
  outDtype: DType,
  op: string,
): TensorInfo {
  checkRank(op, outShape);
  const size = sizeFromShape(outShape);
  const out = backend.output(outShape, outDtype);
  const u = new Uniforms(program.uniformWords);
  u.u(0, size).u(1, outShape.length);
  u.arr(SHAPE_BASE, outShape);
  let mask = 0;
  inputs.forEach((t, k) => {
    if (shapesEqual(t.shape, outShape)) mask |= 1 << k;
    else u.arr(strideBase(k), broadcastStrides(t.shape, outShape));
  });
  u.u(2, mask);
  backend.run(program, inputs, [out], u, grid(Math.ceil(size / ELEMENTWISE_WG)));
  return out;
}

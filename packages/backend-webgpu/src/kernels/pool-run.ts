import { sizeFromShape, type TensorInfo } from '@snn/core';
import { ELEMENTWISE_WG, grid, type Program, Uniforms } from '../program.js';
import type { WebGPUBackend } from '../webgpu-backend.js';
import { POOL_WORDS } from './pool-shader.js';

export function runPool(
  backend: WebGPUBackend,
  program: Program,
  inputs: TensorInfo[],
  outShape: readonly number[],
  xShape: readonly number[],
  yShape: readonly number[],
  kernel: readonly [number, number],
  strides: readonly [number, number],
  pads: readonly [number, number, number, number],
): TensorInfo {
  const out = backend.output(outShape, 'float32');
  const size = sizeFromShape(outShape);
  const u = new Uniforms(POOL_WORDS)
    .u(0, size)
    .u(2, xShape[2])
    .u(3, xShape[3])
    .u(4, yShape[2])
    .u(5, yShape[3])
    .u(6, kernel[0])
    .u(7, kernel[1])
    .u(8, strides[0])
    .u(9, strides[1])
    .u(10, pads[0])
    .u(11, pads[2]);
  backend.run(program, inputs, [out], u, grid(Math.ceil(size / ELEMENTWISE_WG)));
  return out;
}

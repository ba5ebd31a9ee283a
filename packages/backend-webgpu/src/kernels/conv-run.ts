import { sizeFromShape, type TensorInfo } from '@snn/core';
import { ELEMENTWISE_WG, grid, type Program, Uniforms } from '../program.js';
import type { WebGPUBackend } from '../webgpu-backend.js';
import { CONV_WORDS } from './conv-shader.js';

/** Runs one of the convolution programs with the shared uniform layout; returns the output. */
export function runConv(
  backend: WebGPUBackend,
  program: Program,
  inputs: [TensorInfo, TensorInfo],
  outShape: readonly number[],
  xShape: readonly number[],
  wShape: readonly number[],
  yShape: readonly number[],
  strides: readonly [number, number],
  pads: readonly [number, number, number, number],
): TensorInfo {
  const out = backend.output(outShape, 'float32');
  const size = sizeFromShape(outShape);
  const u = new Uniforms(CONV_WORDS)
    .u(0, size)
    .arr(1, xShape)
    .u(5, wShape[0])
    .u(6, wShape[2])
    .u(7, wShape[3])
    .u(8, yShape[2])
    .u(9, yShape[3])
    .u(10, strides[0])
    .u(11, strides[1])
    .u(12, pads[0])
    .u(13, pads[2]);
  backend.run(program, inputs, [out], u, grid(Math.ceil(size / ELEMENTWISE_WG)));
  return out;
}

import { ArgumentError } from '@snn/core';
import type { WasmKernel } from './kernel.js';

const TWO_POW_32 = 4294967296;

/** Uniform [0, 1) float32 from core's Philox4x32-10 specification (csrc/philox.c), bit for bit. */
export const RandomUniform: WasmKernel<'RandomUniform'> = (_inputs, { shape, seed, offset }, ctx) => {
  for (const [name, v] of [
    ['seed', seed],
    ['offset', offset],
  ] as const) {
    if (!Number.isSafeInteger(v) || v < 0) {
      throw new ArgumentError(`RandomUniform: ${name} must be a non-negative integer below 2^53, got ${v}`);
    }
  }
  const { info, data } = ctx.output(shape, 'float32', 'RandomUniform');
  const blocks = Math.ceil(data.size / 4);
  if (!Number.isSafeInteger(offset + blocks)) {
    throw new ArgumentError(`RandomUniform: offset ${offset} + ${blocks} blocks passes 2^53`);
  }
  if (data.size > 0) {
    ctx.rt.call(
      'snn_random_uniform',
      data.size * 16,
      data.ptr,
      data.size,
      seed % TWO_POW_32,
      Math.floor(seed / TWO_POW_32),
      offset % TWO_POW_32,
      Math.floor(offset / TWO_POW_32),
    );
  }
  return info;
};

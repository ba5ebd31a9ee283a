import type { WasmKernel } from './kernel.js';

const TWO_POW_32 = 4294967296;

/** seed and offset (below 2^53) as the four 32-bit halves csrc/philox.c takes. */
export function philoxWords(seed: number, offset: number): number[] {
  return [
    seed % TWO_POW_32,
    Math.floor(seed / TWO_POW_32),
    offset % TWO_POW_32,
    Math.floor(offset / TWO_POW_32),
  ];
}

/** Uniform [0, 1) float32 from core's Philox4x32-10 specification (csrc/philox.c), bit for bit. */
export const RandomUniform: WasmKernel<'RandomUniform'> = (_inputs, { shape, seed, offset }, ctx) => {
  const { info, data } = ctx.output(shape, 'float32', 'RandomUniform');
  if (data.size > 0) {
    ctx.rt.call('snn_random_uniform', data.size * 16, data.ptr, data.size, ...philoxWords(seed, offset));
  }
  return info;
};

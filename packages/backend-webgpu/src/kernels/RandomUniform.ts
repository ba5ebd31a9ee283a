import { sizeFromShape } from '@snn/core';
import { ELEMENTWISE_WG, elementwiseMain, grid, header, type Program, Uniforms } from '../program.js';
import type { WebGPUKernel } from './kernel.js';
import { PHILOX_WGSL } from './philox-shader.js';

/*
 * One thread per 4-element block: block i uses counter [lo32(offset + i), hi32(offset + i), 0, 0]
 * and key [lo32(seed), hi32(seed)]; word j becomes element 4i + j as (word >> 8) * 2^-24.
 * Uniform words: 0 size, 1 seedLo, 2 seedHi, 3 offsetLo, 4 offsetHi.
 */
const PROGRAM: Program = {
  key: 'RandomUniform:float32',
  numInputs: 0,
  numOutputs: 1,
  uniformWords: 8,
  build: () => `${header([], [{ name: 'out', type: 'f32' }], 8)}
${PHILOX_WGSL}
${elementwiseMain(`  let size = pu(0u);
  let first = idx * 4u;
  if (first >= size) { return; }
  let lo = pu(3u) + idx;
  let hi = pu(4u) + select(0u, 1u, lo < idx);
  let w = philox4x32_10(vec4<u32>(lo, hi, 0u, 0u), vec2<u32>(pu(1u), pu(2u)));
  for (var j = 0u; j < 4u; j++) {
    if (first + j < size) { out[first + j] = f32(w[j] >> 8u) * (1.0 / 16777216.0); }
  }`)}`,
};

const TWO_POW_32 = 4294967296;

function split(v: number): [number, number] {
  return [(v % TWO_POW_32) >>> 0, Math.floor(v / TWO_POW_32) >>> 0];
}

export const RandomUniform: WebGPUKernel<'RandomUniform'> = (backend, _inputs, { shape, seed, offset }) => {
  const [seedLo, seedHi] = split(seed);
  const [offLo, offHi] = split(offset);
  const size = sizeFromShape(shape);
  const blocks = Math.ceil(size / 4);
  const out = backend.output(shape, 'float32');
  const u = new Uniforms(8).u(0, size).u(1, seedLo).u(2, seedHi).u(3, offLo).u(4, offHi);
  backend.run(PROGRAM, [], [out], u, grid(Math.ceil(blocks / ELEMENTWISE_WG)));
  return out;
};

import { sizeFromShape } from '@snn/core';
import { ELEMENTWISE_WG, elementwiseMain, grid, header, type Program, Uniforms } from '../program.js';
import type { WebGPUKernel } from './kernel.js';

/* Uniform words: 0 size, 1 depth, 2 onValue (f32), 3 offValue (f32). */
const PROGRAM: Program = {
  key: 'OneHot:int32',
  numInputs: 1,
  numOutputs: 1,
  uniformWords: 4,
  build: () => `${header([{ name: 'indices', type: 'i32' }], [{ name: 'out', type: 'f32' }], 4)}
${elementwiseMain(`  if (idx >= pu(0u)) { return; }
  let depth = pu(1u);
  out[idx] = select(pf(3u), pf(2u), indices[idx / depth] == i32(idx % depth));`)}`,
};

/** indices (int32) -> float32 [...indices.shape, depth]; out-of-range indices give a row of offValue. */
export const OneHot: WebGPUKernel<'OneHot'> = (backend, { indices }, { depth, onValue, offValue }) => {
  const outShape = [...indices.shape, depth];
  const out = backend.output(outShape, 'float32');
  const size = sizeFromShape(outShape);
  const u = new Uniforms(4).u(0, size).u(1, depth).f(2, onValue).f(3, offValue);
  backend.run(PROGRAM, [indices], [out], u, grid(Math.ceil(size / ELEMENTWISE_WG)));
  return out;
};

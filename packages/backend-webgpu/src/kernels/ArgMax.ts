import { sizeFromShape } from '@snn/core';
import {
  ELEMENTWISE_WG,
  elementwiseMain,
  grid,
  header,
  type Program,
  Uniforms,
  wgslType,
} from '../program.js';
import type { WebGPUKernel } from './kernel.js';

/* One thread per output: x is viewed as [outer, n, inner]; uniform words 0 outSize, 1 n, 2 inner. */
function argMaxProgram(dtype: 'float32' | 'int32' | 'bool'): Program {
  return {
    key: `ArgMax:${dtype}`,
    numInputs: 1,
    numOutputs: 1,
    uniformWords: 4,
    build: () => `${header([{ name: 'x', type: wgslType(dtype) }], [{ name: 'out', type: 'i32' }], 4)}
${elementwiseMain(`  if (idx >= pu(0u)) { return; }
  let n = pu(1u);
  let inner = pu(2u);
  let base = (idx / inner) * n * inner + idx % inner;
  var best = 0u;
  var bestValue = x[base];
  for (var k = 1u; k < n; k++) {
    let v = x[base + k * inner];
    if (v > bestValue) { best = k; bestValue = v; }
  }
  out[idx] = i32(best);`)}`,
  };
}

/** Index of the first maximum along `axis` (int32), the axis removed. */
export const ArgMax: WebGPUKernel<'ArgMax'> = (backend, { x }, { axis }) => {
  const outShape = [...x.shape.slice(0, axis), ...x.shape.slice(axis + 1)];
  const out = backend.output(outShape, 'int32');
  const size = sizeFromShape(outShape);
  const u = new Uniforms(4)
    .u(0, size)
    .u(1, x.shape[axis])
    .u(2, sizeFromShape(x.shape.slice(axis + 1)));
  backend.run(argMaxProgram(x.dtype), [x], [out], u, grid(Math.ceil(size / ELEMENTWISE_WG)));
  return out;
};

import { sizeFromShape } from '@snn/core';
import { ELEMENTWISE_WG, elementwiseMain, grid, header, type Program, Uniforms } from '../program.js';
import type { WebGPUKernel } from './kernel.js';

/*
 * x - max - log(sum(exp(x - max))) along one axis, one thread per row: x is viewed as
 * [outer, n, inner]. Uniform words: 0 rows (outer*inner), 1 n, 2 inner.
 */
const PROGRAM: Program = {
  key: 'LogSoftmax:float32',
  numInputs: 1,
  numOutputs: 1,
  uniformWords: 4,
  build: () => `${header([{ name: 'x', type: 'f32' }], [{ name: 'out', type: 'f32' }], 4)}
${elementwiseMain(`  if (idx >= pu(0u)) { return; }
  let n = pu(1u);
  let inner = pu(2u);
  let base = (idx / inner) * n * inner + idx % inner;
  var m = -inf_f32();
  var anyNan = false;
  for (var k = 0u; k < n; k++) {
    let v = x[base + k * inner];
    anyNan = anyNan || is_nan(v);
    m = max(m, v);
  }
  // An all -Infinity row shifts by 0 so the result stays -Infinity instead of NaN.
  let shift = select(0.0, m, m > -inf_f32() && m < inf_f32());
  var s = 0.0;
  for (var k = 0u; k < n; k++) { s += exp(x[base + k * inner] - shift); }
  var logSum = log(s) + shift;
  if (anyNan) { logSum = nan_f32(); }
  for (var k = 0u; k < n; k++) { out[base + k * inner] = x[base + k * inner] - logSum; }`)}`,
};

export const LogSoftmax: WebGPUKernel<'LogSoftmax'> = (backend, { x }, { axis }) => {
  const n = x.shape[axis];
  const inner = sizeFromShape(x.shape.slice(axis + 1));
  const rows = sizeFromShape(x.shape.slice(0, axis)) * inner;
  const out = backend.output(x.shape, 'float32');
  backend.run(
    PROGRAM,
    [x],
    [out],
    new Uniforms(4).u(0, rows).u(1, n).u(2, inner),
    grid(Math.ceil(rows / ELEMENTWISE_WG)),
  );
  return out;
};

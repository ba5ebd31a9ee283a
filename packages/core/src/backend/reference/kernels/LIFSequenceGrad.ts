import { sequenceSizes } from '../../../kernels/shape-utils.js';
import { HOST_ARITH, lifCoefficients, lifGradLocal, lifGradStep } from '../../../neuron/recurrence.js';
import { hostSurrogateArray } from '../../../surrogate/registry.js';
import type { ReferenceKernel } from '../reference-kernel.js';
import { unsupportedSurrogate } from './SpikeGrad.js';

/**
 * Reverse-time gradient of LIFSequence, per neuron in float32 operations (the recurrence is
 * neuron/recurrence.ts, its formulas in kernel-signatures.ts). Returns [dx [T, ...n], dv0 [...n],
 * di0 [...n]].
 */
export const LIFSequenceGrad: ReferenceKernel<'LIFSequenceGrad'> = (inputs, attrs, store) => {
  const op = 'LIFSequenceGrad';
  const { steps, neurons, neuronShape } = sequenceSizes(op, inputs);
  const z = store.getFloat(inputs.z);
  const vd = store.getFloat(inputs.vDecayed);
  const dz = store.getFloat(inputs.dz);
  const dv = store.getFloat(inputs.dv);
  const di = store.getFloat(inputs.di);
  const c = lifCoefficients(attrs);
  // surrogate'(vd - vTh) for every step and neuron at once (it does not depend on the recursion).
  const derivative =
    hostSurrogateArray(attrs.surrogate, attrs.alpha) ?? unsupportedSurrogate(op, attrs.surrogate);
  const s = derivative(vd, c.vTh);
  const dx = new Float32Array(steps * neurons);
  const dv0 = new Float32Array(neurons);
  const di0 = new Float32Array(neurons);
  for (let k = 0; k < neurons; k++) {
    let gv: number | undefined;
    let gi: number | undefined;
    for (let t = steps - 1; t >= 0; t--) {
      const at = t * neurons + k;
      const { keep, direct } = lifGradLocal(HOST_ARITH, c, z[at], vd[at], dz[at], s[at]);
      const step = lifGradStep(HOST_ARITH, c, keep, direct, dv[at], di[at], gv, gi);
      dx[at] = step.dx;
      gv = step.gv;
      gi = step.gi;
    }
    dv0[k] = gv ?? 0;
    di0[k] = gi ?? 0;
  }
  return [
    store.output(dx, inputs.z.shape, 'float32'),
    store.output(dv0, neuronShape, 'float32'),
    store.output(di0, neuronShape, 'float32'),
  ];
};

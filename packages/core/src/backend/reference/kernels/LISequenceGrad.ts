import { sequenceSizes } from '../../../kernels/shape-utils.js';
import { HOST_ARITH, liCoefficients, liGradStep } from '../../../neuron/recurrence.js';
import type { ReferenceKernel } from '../reference-kernel.js';

/**
 * Reverse-time gradient of LISequence (input first, as Norse), per neuron in float32 operations; the step is
 * neuron/recurrence.ts. Returns [dx [T, ...n], dv0 [...n], di0 [...n]].
 */
export const LISequenceGrad: ReferenceKernel<'LISequenceGrad'> = ({ dv, di }, attrs, store) => {
  const op = 'LISequenceGrad';
  const { steps, neurons, neuronShape } = sequenceSizes(op, { dv, di });
  const dvv = store.getFloat(dv);
  const div = store.getFloat(di);
  const c = liCoefficients(attrs);
  const dx = new Float32Array(steps * neurons);
  const dv0 = new Float32Array(neurons);
  const di0 = new Float32Array(neurons);
  for (let k = 0; k < neurons; k++) {
    let gv: number | undefined;
    let gi: number | undefined;
    for (let t = steps - 1; t >= 0; t--) {
      const at = t * neurons + k;
      const step = liGradStep(HOST_ARITH, c, dvv[at], div[at], gv, gi);
      dx[at] = step.dx;
      gv = step.gv;
      gi = step.gi;
    }
    dv0[k] = gv ?? 0;
    di0[k] = gi ?? 0;
  }
  return [
    store.output(dx, dv.shape, 'float32'),
    store.output(dv0, neuronShape, 'float32'),
    store.output(di0, neuronShape, 'float32'),
  ];
};

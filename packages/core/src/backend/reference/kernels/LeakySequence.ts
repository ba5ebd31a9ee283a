import { sequenceSizes } from '../../../kernels/shape-utils.js';
import type { ReferenceKernel } from '../reference-kernel.js';

const f = Math.fround;

/**
 * snnTorch's Leaky over T steps, per neuron, each float32 operation in leakyStep's order (so the
 * values equal the step loop's); x of one step repeats when its leading dim is 1. Returns [spk, mem].
 */
export const LeakySequence: ReferenceKernel<'LeakySequence'> = (
  { x, mem0, beta, threshold },
  { steps, resetMechanism, resetDelay },
  store,
) => {
  const xv = store.getFloat(x);
  const m0 = store.getFloat(mem0);
  const { neurons, neuronShape } = sequenceSizes('LeakySequence', { x }, { mem0 });
  const b0 = store.getFloat(beta)[0];
  const b = Math.min(1, Math.max(0, b0));
  const th = store.getFloat(threshold)[0];
  const repeat = x.shape[0] !== steps;
  const spk = new Float32Array(steps * neurons);
  const mem = new Float32Array(steps * neurons);
  for (let k = 0; k < neurons; k++) {
    let m = m0[k];
    for (let t = 0; t < steps; t++) {
      const at = t * neurons + k;
      const xt = xv[repeat ? k : at];
      const r = f(m - th) > 0 ? 1 : 0;
      let next: number;
      if (resetMechanism === 'subtract') next = f(f(f(m * b) + xt) - f(r * th));
      else if (resetMechanism === 'zero') next = f(f(f((1 - r) * m) * b) + xt);
      else next = f(f(m * b) + xt);
      const s = f(next - th) > 0 ? 1 : 0;
      if (!resetDelay && resetMechanism !== 'none') {
        const d = s - r;
        next = resetMechanism === 'subtract' ? f(next - f(d * th)) : f(next - f(d * next));
      }
      spk[at] = s;
      mem[at] = next;
      m = next;
    }
  }
  const shape = [steps, ...neuronShape];
  return [store.output(spk, shape, 'float32'), store.output(mem, shape, 'float32')];
};

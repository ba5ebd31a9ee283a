import { ENGINE } from '../engine/engine.js';
import type { GradRule } from '../engine/kernel-types.js';
import type { Tensor } from '../tensor/tensor.js';

/** dx, dv0, di0 of the fused LI sequence from ONE LISequenceGrad kernel, shared by the three thunks. */
export const liSequenceGrad: GradRule<'LISequence'> = {
  kernelName: 'LISequence',
  // Linear dynamics: LISequenceGrad needs no saved values at all.
  inputsToSave: [],
  outputsToSave: [],
  gradFunc: (_dy, saved, attrs) => {
    let grads: Tensor[] | undefined;
    const all = () => {
      grads ??= ENGINE.runKernel('LISequenceGrad', { dv: saved.dys[0], di: saved.dys[1] }, attrs);
      return grads;
    };
    return { x: () => all()[0], v0: () => all()[1], i0: () => all()[2] };
  },
};

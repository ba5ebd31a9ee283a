import { ENGINE } from '../engine/engine.js';
import type { GradRule } from '../engine/kernel-types.js';
import type { Tensor } from '../tensor/tensor.js';

/**
 * dx, dv0, di0 of the fused LIF sequence from ONE LIFSequenceGrad kernel (native, or core's
 * decomposition), run on the first thunk asked for and shared by the three. Outputs are
 * [z, v, i, vDecayed]; a gradient into vDecayed (an internal output) is not propagated.
 */
export const lifSequenceGrad: GradRule<'LIFSequence'> = {
  kernelName: 'LIFSequence',
  // LIFSequenceGrad reads the spikes and vDecayed only: not x, v0, i0, v or i.
  inputsToSave: [],
  outputsToSave: [0, 3],
  gradFunc: (_dy, saved, attrs) => {
    let grads: Tensor[] | undefined;
    const all = () => {
      grads ??= ENGINE.runKernel(
        'LIFSequenceGrad',
        {
          z: saved.outputs[0],
          vDecayed: saved.outputs[3],
          dz: saved.dys[0],
          dv: saved.dys[1],
          di: saved.dys[2],
        },
        attrs,
      );
      return grads;
    };
    return { x: () => all()[0], v0: () => all()[1], i0: () => all()[2] };
  },
};

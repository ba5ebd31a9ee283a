import { ENGINE } from '../engine/engine.js';
import type { GradRule } from '../engine/kernel-types.js';
import { spikeInput } from '../ops/spike-input.js';

/** dx and dw through the two backprop kernels (native when the backend has them, else decomposed). */
export const conv2dGrad: GradRule<'Conv2D'> = {
  kernelName: 'Conv2D',
  inputsToSave: ['x', 'w'],
  outputsToSave: [],
  gradFunc: (dy, { inputs: { x, w } }, { strides, pads }) => ({
    x: () =>
      ENGINE.runKernel(
        'Conv2DBackpropInput',
        { dy, w },
        { xShape: x.shape as unknown as [number, number, number, number], strides, pads },
      ),
    w: () =>
      ENGINE.runKernel(
        'Conv2DBackpropFilter',
        { x, dy },
        { wShape: w.shape as unknown as [number, number, number, number], strides, pads, ...spikeInput(x) },
      ),
  }),
};

import { ENGINE } from '../engine/engine.js';
import type { GradRule } from '../engine/kernel-types.js';

/** Each dy goes to the first maximum of its window (MaxPoolGrad). */
export const maxPoolGrad: GradRule<'MaxPool'> = {
  kernelName: 'MaxPool',
  inputsToSave: ['x'],
  outputsToSave: [],
  gradFunc: (dy, { inputs: { x } }, attrs) => ({
    x: () => ENGINE.runKernel('MaxPoolGrad', { dy, x }, attrs),
  }),
};

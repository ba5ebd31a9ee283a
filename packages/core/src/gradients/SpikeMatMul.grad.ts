import type { GradRule } from '../engine/kernel-types.js';
import { matMulGradients } from './MatMul.grad.js';

/** Same gradients as MatMul (the spike input's own gradient is dense). */
export const spikeMatMulGrad: GradRule<'SpikeMatMul'> = {
  kernelName: 'SpikeMatMul',
  inputsToSave: ['a', 'b'],
  outputsToSave: [],
  gradFunc: (dy, { inputs: { a, b } }, { transposeA, transposeB }) =>
    matMulGradients(dy, a, b, transposeA, transposeB),
};

import type { GradRule } from '../engine/kernel-types.js';
import { mul } from '../ops/binary.js';

export const expGrad: GradRule<'Exp'> = {
  kernelName: 'Exp',
  gradFunc: (dy, { outputs: [y] }) => ({ x: () => mul(dy, y) }),
};

import type { OptionalKernelName } from '../../../kernels/kernel-signatures.js';
import type { ReferenceKernel } from '../reference-kernel.js';
import { SpikeMatMul } from './SpikeMatMul.js';

/** The optional kernels the reference backend implements natively. */
export const optionalKernels: { readonly [K in OptionalKernelName]?: ReferenceKernel<K> } = {
  SpikeMatMul,
};

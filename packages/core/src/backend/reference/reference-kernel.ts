import type { KernelAttrs, KernelInputs, KernelName } from '../../kernels/kernel-signatures.js';
import type { TensorInfo } from '../../tensor/tensor-info.js';
import type { ReferenceStore } from './store.js';

/** A reference kernel: the KernelFunction signature plus the store it reads inputs from and writes to. */
export type ReferenceKernel<K extends KernelName> = (
  inputs: KernelInputs<K>,
  attrs: KernelAttrs<K>,
  store: ReferenceStore,
) => TensorInfo | TensorInfo[];

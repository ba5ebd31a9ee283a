import type { KernelAttrs, KernelInputs, KernelName, TensorInfo } from '@snn/core';
import type { WebGPUBackend } from '../webgpu-backend.js';

/** A kernel of this backend: the core signature plus the backend it runs on. */
export type WebGPUKernel<K extends KernelName> = (
  backend: WebGPUBackend,
  inputs: KernelInputs<K>,
  attrs: KernelAttrs<K>,
) => TensorInfo | TensorInfo[];

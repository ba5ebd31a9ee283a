// The WebGPU API types (GPUDevice, GPUBuffer...) for every program that compiles this package,
// including users of its published declarations.
/// <reference types="@webgpu/types" preserve="true" />
export { type AcquiredDevice, acquireDevice, type DeviceOptions } from './device.js';
export { NODE_INSTALL_HINT, WebGPUError } from './errors.js';
export { GPUData, WebGPUBackend, type WebGPUBackendOptions, type WebGPUStats } from './webgpu-backend.js';

import type { BackendFactory } from '@snn/core';
import { WebGPUBackend, type WebGPUBackendOptions } from './webgpu-backend.js';

/** A factory for core's backend registry: `registerBackend('webgpu', webgpuBackendFactory(), 2)`. */
export function webgpuBackendFactory(options: WebGPUBackendOptions = {}): BackendFactory {
  return () => WebGPUBackend.create(options);
}
export { registerWebGPUBackend } from './register.js';

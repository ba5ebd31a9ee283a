// The WebGPU API types (GPUDevice, GPUBuffer...) for every program that compiles this package,
// including users of its published declarations.
/// <reference types="@webgpu/types" preserve="true" />
export { type AcquiredDevice, acquireDevice, type DeviceOptions } from './device.js';
export { NODE_INSTALL_HINT, WebGPUError } from './errors.js';
export { GPUData, WebGPUBackend, type WebGPUBackendOptions, type WebGPUStats } from './webgpu-backend.js';

import type { BackendFactory } from '@snn/core';
import { WebGPUBackend, type WebGPUBackendOptions } from './webgpu-backend.js';

/**
 * A factory for core's backend registry, for registering under your own name or priority (see
 * {@link registerWebGPUBackend} for the usual case).
 *
 * @param options - Device options and batch size, passed to {@link WebGPUBackend.create}. Default none.
 * @returns A factory that creates the backend when the registry starts it.
 *
 * @example
 * ```ts
 * import * as snn from '@snn/core';
 * import { webgpuBackendFactory } from '@snn/backend-webgpu';
 *
 * snn.registerBackend('gpu-fast', webgpuBackendFactory({ powerPreference: 'high-performance' }), 40);
 * await snn.ready();
 * ```
 */
export function webgpuBackendFactory(options: WebGPUBackendOptions = {}): BackendFactory {
  return () => WebGPUBackend.create(options);
}
export { registerWebGPUBackend } from './register.js';

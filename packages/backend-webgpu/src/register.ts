import { registerBackend } from '@snn/core';
import { WebGPUBackend, type WebGPUBackendOptions } from './webgpu-backend.js';

/**
 * Registers the 'webgpu' backend with core's registry. With the default priority it is preferred
 * over the reference backend (0) by `ready()`; where no adapter exists, core falls through to the next.
 */
export function registerWebGPUBackend(priority = 10, options: WebGPUBackendOptions = {}): void {
  registerBackend('webgpu', () => WebGPUBackend.create(options), priority);
}

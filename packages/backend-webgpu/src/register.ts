import { registerBackend } from '@snn/core';
import { WebGPUBackend, type WebGPUBackendOptions } from './webgpu-backend.js';

/**
 * Registers the 'webgpu' backend with core's registry. With the default priority it is preferred
 * over the reference backend (0) by `ready()`; where no adapter exists, core falls through to the next.
 *
 * @param priority - Registry priority; higher is tried first. Default 10 (above tfjs-cpu's 5, below
 *   tfjs-wasm's 20 and tfjs-node's 30 if those are registered too).
 * @param options - Device options and batch size, passed to {@link WebGPUBackend.create}. Default none.
 *
 * @example
 * ```ts
 * import * as snn from '@snn/core';
 * import { registerWebGPUBackend } from '@snn/backend-webgpu';
 *
 * registerWebGPUBackend();
 * await snn.ready(); // 'webgpu' where an adapter exists, else the next registered backend
 * console.log(snn.backendName());
 * ```
 */
export function registerWebGPUBackend(priority = 10, options: WebGPUBackendOptions = {}): void {
  registerBackend('webgpu', () => WebGPUBackend.create(options), priority);
}

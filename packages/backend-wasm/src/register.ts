import { registerBackend } from '@snn/core';
import { createWasmBackend, type WasmBackendOptions } from './wasm-backend.js';

/**
 * Registry priority: above @snn/backend-tfjs's tfjs-wasm (20) and tfjs-node (30), since on a CPU this
 * backend trains the tutorial networks faster than both (see the README's table), and below a GPU.
 */
export const WASM_BACKEND_PRIORITY = 35;

/**
 * Registers the 'wasm' backend with core's registry (nothing starts until core's `ready()` or
 * `setBackend('wasm')`). Where it cannot start, core falls through to the next backend.
 *
 * @param options - The backend's options (threads default: the available cores; see
 *   {@link WasmBackendOptions}) and priority (default 35: above tfjs-node's 30 and tfjs-wasm's 20).
 * @example
 * ```ts
 * registerWasmBackend({ threads: 2 }); // 'wasm', priority 35
 * await ready(); // or: await setBackend('wasm')
 * console.log(backendName()); // 'wasm'
 * const y = matMul(ones([4, 784]), ones([784, 10])); // runs on the wasm kernels
 * ```
 */
export function registerWasmBackend(options: WasmBackendOptions & { priority?: number } = {}): void {
  const { priority = WASM_BACKEND_PRIORITY, ...rest } = options;
  registerBackend('wasm', () => createWasmBackend(rest), priority);
}

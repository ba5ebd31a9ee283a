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
 */
export function registerWasmBackend(options: WasmBackendOptions & { priority?: number } = {}): void {
  const { priority = WASM_BACKEND_PRIORITY, ...rest } = options;
  registerBackend('wasm', () => createWasmBackend(rest), priority);
}

import * as snn from '@snn/core';
import { createWasmBackend } from '../wasm-backend.js';

/** The wasm backend registered under one name per thread count (parallelMin 0: every kernel splits). */
export const THREADED = ['wasm-1t', 'wasm-2t'] as const;

export function registerTestBackends(): void {
  snn.registerBackend('wasm-1t', () => createWasmBackend({ threads: 1 }), -1);
  snn.registerBackend('wasm-2t', () => createWasmBackend({ threads: 2, parallelMin: 0 }), -1);
}

export function removeTestBackends(): void {
  for (const name of THREADED) snn.removeBackend(name);
}

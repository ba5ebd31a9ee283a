export { WasmOutOfMemoryError } from './errors.js';
export { registerWasmBackend, WASM_BACKEND_PRIORITY } from './register.js';
export type { WasmHeapStats } from './runtime/heap.js';
export { createWasmBackend, resolveThreads, WasmBackend, type WasmBackendOptions } from './wasm-backend.js';

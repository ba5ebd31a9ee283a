export { WasmOutOfMemoryError } from './errors.js';
export { WASM_KERNELS } from './kernels/index.js';
export { registerWasmBackend, WASM_BACKEND_PRIORITY } from './register.js';
export { createWasmBackend, resolveThreads, WasmBackend, type WasmBackendOptions } from './wasm-backend.js';

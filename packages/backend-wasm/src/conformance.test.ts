import { describeConformance } from '@snn/core/testing';
import { createWasmBackend } from './wasm-backend.js';

// The shared kernel specification, on one thread and on two (every kernel splits its work).
await describeConformance('wasm (1 thread)', () => createWasmBackend({ threads: 1 }));
await describeConformance('wasm (2 threads)', () => createWasmBackend({ threads: 2, parallelMin: 0 }));

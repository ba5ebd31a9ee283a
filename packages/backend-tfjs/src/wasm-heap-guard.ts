import { OutOfMemoryError } from '@snn/core';
import * as tf from '@tensorflow/tfjs-core';

/** The most tfjs-backend-wasm's heap can hold: wasm32 memory stops at 4 GiB (emscripten's getHeapMax). */
export const WASM_HEAP_LIMIT = 2 ** 32 - 2 ** 16;

interface WasmModule {
  _malloc(bytes: number): number;
  _free(pointer: number): void;
  HEAPU8: Uint8Array;
}

const guarded = new WeakSet<object>();

const gib = (bytes: number) => `${(bytes / 2 ** 30).toFixed(2)} GiB`;

/**
 * tfjs-backend-wasm 4.22 places every tensor at the address `_malloc` returns without checking it.
 * When the heap cannot grow any more (wasm32 stops at 4 GiB; backpropagation through many time steps
 * gets there), malloc returns 0 and the tensor is registered at address 0: kernels then write over
 * the start of the heap and fail later with "memory access out of bounds", or corrupt other tensors
 * silently. A request of 4 GiB or more is worse: it wraps around to a small allocation. This wraps
 * `_malloc` so that both throw an OutOfMemoryError with the bytes asked before anything is written;
 * core's engine adds the name of the kernel whose result it was.
 */
export function guardWasmHeap(): void {
  const wasm = (tf.findBackend('wasm') as unknown as { wasm?: WasmModule } | null)?.wasm;
  if (wasm === undefined || guarded.has(wasm)) return;
  // emscripten's `_malloc` is a stub that replaces itself with the real export on its first call.
  wasm._free(wasm._malloc(8));
  const malloc = wasm._malloc;
  wasm._malloc = (bytes: number): number => {
    const pointer = bytes < WASM_HEAP_LIMIT ? malloc(bytes) : 0;
    if (pointer === 0 && bytes > 0) {
      throw new OutOfMemoryError(
        bytes,
        'tfjs-wasm',
        undefined,
        `its WebAssembly heap holds ${gib(wasm.HEAPU8.length)} and cannot grow past ${gib(WASM_HEAP_LIMIT)}`,
      );
    }
    return pointer;
  };
  guarded.add(wasm);
}

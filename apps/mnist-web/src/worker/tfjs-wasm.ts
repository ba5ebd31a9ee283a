import { registerTfjsBackends } from '@snn/backend-tfjs';
import plainUrl from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm.wasm?url';
import simdUrl from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm-simd.wasm?url';
import threadedUrl from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm-threaded-simd.wasm?url';

/*
 * TensorFlow.js's wasm binaries are emitted by the bundler as assets of this site (no CDN), and
 * tfjs is told where they are. Its threaded build is switched off: its thread workers load the
 * main script with importScripts and look for a global factory, which a bundled module worker does
 * not have (they fail with "WasmBackendModuleThreadedSimd: e is not defined"). Threads are
 * @snn/backend-wasm's (listed before it); tfjs-wasm runs SIMD on one thread.
 */
let tfWasm: typeof import('@tensorflow/tfjs-backend-wasm') | undefined;

export async function registerTfjsWasm(): Promise<void> {
  if (!tfWasm) {
    tfWasm = await import('@tensorflow/tfjs-backend-wasm');
    // The flag exists once the wasm backend's module has registered it; the backend starts later.
    const tf = await import('@tensorflow/tfjs-core');
    tf.env().set('WASM_HAS_MULTITHREAD_SUPPORT', false);
    tfWasm.setWasmPaths({
      'tfjs-backend-wasm.wasm': plainUrl,
      'tfjs-backend-wasm-simd.wasm': simdUrl,
      'tfjs-backend-wasm-threaded-simd.wasm': threadedUrl,
    });
    registerTfjsBackends({ kinds: ['wasm'] });
  }
}

/** How tfjs-wasm runs, once started. */
export function tfjsWasmDetail(): string {
  const threads = tfWasm?.getThreadsCount() ?? 1;
  return `SIMD, ${threads} thread${threads === 1 ? '' : 's'} (TensorFlow.js's threaded build cannot start in a bundled worker)`;
}

import { registerTfjsBackends } from '@snn/backend-tfjs';
import plainUrl from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm.wasm?url';
import simdUrl from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm-simd.wasm?url';
import threadedUrl from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm-threaded-simd.wasm?url';

/*
 * TensorFlow.js's wasm binaries are emitted by the bundler as assets of this site (no CDN), and
 * tfjs is told where they are. It picks the threaded SIMD build by itself when the page is
 * cross-origin isolated (SharedArrayBuffer), else the SIMD one.
 */
let tfWasm: typeof import('@tensorflow/tfjs-backend-wasm') | undefined;

export async function registerTfjsWasm(): Promise<void> {
  if (!tfWasm) {
    tfWasm = await import('@tensorflow/tfjs-backend-wasm');
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
  return threads > 1
    ? `SIMD, ${threads} threads (cross-origin isolated)`
    : `SIMD, one thread${globalThis.crossOriginIsolated ? '' : ': the page is not cross-origin isolated (no COOP/COEP headers)'}`;
}

import { registerBackend } from '@snn/core';
import type { TfBackendKind } from './tf-runtime.js';
import { createTfjsBackend } from './tfjs-backend.js';

/**
 * Registry priorities, fastest first: tfjs-node (TensorFlow C++, when installed) over tfjs-wasm
 * (XNNPACK SIMD, about 30x tfjs-cpu on MatMul here) over tfjs-cpu (plain JS). Core's reference
 * backend sits at 0, below all three.
 */
export const TFJS_BACKEND_PRIORITIES: Readonly<Record<TfBackendKind, number>> = {
  node: 30,
  wasm: 20,
  cpu: 5,
};

/**
 * Options of {@link registerTfjsBackends}: which tfjs backends to register and at what priority.
 *
 * @example
 * ```ts
 * registerTfjsBackends({ kinds: ['wasm'], priorities: { wasm: 50 } });
 * ```
 */
export interface RegisterTfjsOptions {
  /** Which to register. Default `['node', 'wasm', 'cpu']`; tfjs-node only starts where it is installed. */
  kinds?: readonly TfBackendKind[];
  /** Overrides of {@link TFJS_BACKEND_PRIORITIES}, per kind (higher is tried first). Default none. */
  priorities?: Partial<Record<TfBackendKind, number>>;
}

/**
 * Registers 'tfjs-node', 'tfjs-wasm' and 'tfjs-cpu' with core's registry. Nothing starts here: core's
 * `ready()` starts the highest priority one and falls through to the next when one cannot start
 * (tfjs-node absent, wasm blocked), reporting every failure.
 *
 * @param options - Which kinds to register (default all three) and priority overrides (default
 *   {@link TFJS_BACKEND_PRIORITIES}).
 *
 * @example
 * ```ts
 * import * as snn from '@snn/core';
 * import { registerTfjsBackends } from '@snn/backend-tfjs';
 *
 * registerTfjsBackends(); // tfjs-node (30) > tfjs-wasm (20) > tfjs-cpu (5) > reference (0)
 * await snn.ready();
 * console.log(snn.backendName()); // 'tfjs-wasm' where tfjs-node is not installed
 * ```
 */
export function registerTfjsBackends(options: RegisterTfjsOptions = {}): void {
  const kinds = options.kinds ?? (['node', 'wasm', 'cpu'] as const);
  for (const kind of kinds) {
    const priority = options.priorities?.[kind] ?? TFJS_BACKEND_PRIORITIES[kind];
    registerBackend(`tfjs-${kind}`, () => createTfjsBackend({ tfBackend: kind }), priority);
  }
}

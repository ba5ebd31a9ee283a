import { registerTfjsBackends } from '@snn/backend-tfjs';
import { registerWasmBackend } from '@snn/backend-wasm';
import { createReferenceBackend, type KernelBackend, REQUIRED_KERNELS, registerBackend } from '@snn/core';

/** The reference backend's storage and required kernels only: every optional kernel is core's decomposition. */
export function requiredOnlyBackend(): KernelBackend {
  const store = createReferenceBackend();
  return {
    specificationVersion: 'v1',
    name: 'required-only',
    kernels: Object.fromEntries(REQUIRED_KERNELS.map((k) => [k, store.kernels[k]])),
    write: (v, s, d) => store.write(v, s, d),
    read: (id) => store.read(id),
    readSync: (id) => store.readSync!(id),
    disposeData: (id) => store.disposeData(id),
    memory: () => store.memory(),
  };
}

/**
 * Every backend that runs on a CPU, by name: core's reference backend, a backend with only the
 * required kernels (so core's decompositions), tfjs's cpu and wasm backends, and @snn/backend-wasm's
 * own kernels (two threads, so kernels split across workers). Registered below the reference
 * backend's priority, so `setBackend(name)` picks one.
 */
export const CPU_BACKENDS = ['reference', 'required-only', 'tfjs-cpu', 'tfjs-wasm', 'wasm'] as const;

export function registerCpuBackends(): void {
  registerBackend('required-only', requiredOnlyBackend, -10);
  registerTfjsBackends({ kinds: ['cpu', 'wasm'], priorities: { cpu: -20, wasm: -20 } });
  registerWasmBackend({ threads: 2, priority: -20 });
}

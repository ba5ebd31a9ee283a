import { ReferenceBackend } from '../../backend/reference/reference-backend.js';
import type { OptionalKernelName } from '../../kernels/kernel-signatures.js';

/** The reference backend without the given optional kernels, so core's decompositions run instead. */
export function referenceWithout(name: string, kernels: readonly OptionalKernelName[]): ReferenceBackend {
  const backend = new ReferenceBackend();
  const table: Record<string, unknown> = { ...backend.kernels };
  for (const k of kernels) delete table[k];
  Object.defineProperty(backend, 'kernels', { value: table });
  Object.defineProperty(backend, 'name', { value: name });
  return backend;
}

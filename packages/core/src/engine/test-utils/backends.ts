import type { KernelBackend } from '../../backend/kernel-backend.js';
import { createReferenceBackend } from '../../backend/reference/reference-backend.js';
import { type KernelName, OPTIONAL_KERNELS } from '../../kernels/kernel-signatures.js';

/**
 * The reference backend seen through a narrower interface, for engine tests: without some kernels
 * (so core's decompositions run), or without readSync (an async backend, as a GPU one).
 */
export function referenceVariant(
  name: string,
  options: { drop?: readonly KernelName[]; async?: boolean } = {},
): KernelBackend {
  const ref = createReferenceBackend();
  const kernels: Record<string, unknown> = { ...ref.kernels };
  for (const k of options.drop ?? OPTIONAL_KERNELS) delete kernels[k];
  const backend: KernelBackend = {
    specificationVersion: 'v1',
    name,
    kernels,
    write: (v, s, d) => ref.write(v, s, d),
    read: (id) => ref.read(id),
    disposeData: (id) => ref.disposeData(id),
    memory: () => ref.memory(),
    dispose: () => ref.dispose(),
  };
  if (!options.async) backend.readSync = (id) => ref.readSync(id);
  return backend;
}

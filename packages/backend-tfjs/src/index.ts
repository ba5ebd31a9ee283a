export { TF_KERNELS } from './kernels/index.js';
export type { TfBackendKind } from './tf-runtime.js';
export { createTfjsBackend, TfjsBackend, type TfjsBackendOptions } from './tfjs-backend.js';

export { TF_KERNELS, TF_KERNELS_EXCLUDED } from './kernels/index.js';
export { type RegisterTfjsOptions, registerTfjsBackends, TFJS_BACKEND_PRIORITIES } from './register.js';
export type { TfBackendKind } from './tf-runtime.js';
export { createTfjsBackend, TfjsBackend, type TfjsBackendOptions } from './tfjs-backend.js';

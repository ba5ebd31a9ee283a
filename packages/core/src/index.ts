export * from './backend/kernel-backend.js';
export * from './errors.js';
export * from './kernels/kernel-signatures.js';
export * from './kernels/shape-utils.js';
export * from './tensor/tensor-info.js';

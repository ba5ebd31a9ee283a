export * from './errors.js';
export * from './io/safetensors.js';

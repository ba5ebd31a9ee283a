// GPU tests (*.gpu.test.ts): they need a WebGPU adapter (in Node: the `webgpu` package plus a Vulkan
// driver, see README). One worker: a single Dawn instance per process, and lavapipe is CPU-bound.
import preset from '../../jest.preset.mjs';

export default {
  ...preset,
  testMatch: ['<rootDir>/src/**/*.gpu.test.ts'],
  testPathIgnorePatterns: ['/node_modules/', '/dist/'],
  maxWorkers: 1,
  testTimeout: 120000,
};

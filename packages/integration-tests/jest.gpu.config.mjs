// GPU tests (*.gpu.test.ts): the packages together on WebGPU (in Node: the `webgpu` package plus a
// Vulkan driver, see backend-webgpu's README). One worker: a single Dawn instance per process.
import preset from '../../jest.preset.mjs';

export default {
  ...preset,
  testMatch: ['<rootDir>/src/**/*.gpu.test.ts'],
  testPathIgnorePatterns: ['/node_modules/', '/dist/'],
  maxWorkers: 1,
  testTimeout: 120000,
};

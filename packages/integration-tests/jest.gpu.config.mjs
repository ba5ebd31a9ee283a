// GPU tests (*.gpu.test.ts): the packages together on WebGPU (in Node: the `webgpu` package plus a
// Vulkan driver, see backend-webgpu's README); without one they are skipped with one line (SNN_REQUIRE=gpu
// makes that a failure). One worker: a single Dawn instance per process.
import preset, { requires } from '../../jest.preset.mjs';

export default {
  ...preset,
  ...requires('gpu', 'mnist'),
  testMatch: ['<rootDir>/src/**/*.gpu.test.ts'],
  testPathIgnorePatterns: ['/node_modules/', '/dist/'],
  maxWorkers: 1,
  testTimeout: 120000,
};

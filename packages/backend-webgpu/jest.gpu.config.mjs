// GPU tests (*.gpu.test.ts): they need a WebGPU adapter (in Node: the `webgpu` package plus a Vulkan
// driver, see README), the browser smoke test headless Chromium, the MNIST training test the MNIST
// files; each is skipped with one line where missing (SNN_REQUIRE makes it a failure). One worker: a
// single Dawn instance per process, and lavapipe is CPU-bound.
import preset, { requires } from '../../jest.preset.mjs';

export default {
  ...preset,
  ...requires('gpu', 'browser', 'mnist'),
  testMatch: ['<rootDir>/src/**/*.gpu.test.ts'],
  testPathIgnorePatterns: ['/node_modules/', '/dist/'],
  maxWorkers: 1,
  testTimeout: 120000,
};

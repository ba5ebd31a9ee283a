// The end-to-end test (*.gpu.test.ts): the built site in headless Chromium on WebGPU. It needs
// `vite build` first (turbo's test:gpu depends on this package's build), Chromium and the MNIST files
// (skipped with one line each where missing; SNN_REQUIRE=browser,mnist makes that a failure).
import preset, { requires } from '../../jest.preset.mjs';

export default {
  ...preset,
  ...requires('browser', 'mnist'),
  testMatch: ['<rootDir>/src/**/*.gpu.test.ts'],
  testPathIgnorePatterns: ['/node_modules/', '/dist/'],
  maxWorkers: 1,
  testTimeout: 600000,
};

// The end-to-end test (*.gpu.test.ts): the built site in headless Chromium on WebGPU. It needs
// `vite build` first (turbo's test:gpu depends on this package's build) and Chromium.
import preset from '../../jest.preset.mjs';

export default {
  ...preset,
  testMatch: ['<rootDir>/src/**/*.gpu.test.ts'],
  testPathIgnorePatterns: ['/node_modules/', '/dist/'],
  maxWorkers: 1,
  testTimeout: 600000,
};

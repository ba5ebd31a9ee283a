import { fileURLToPath } from 'node:url';
import preset, { requires } from '../../jest.preset.mjs';

export default {
  ...preset,
  ...requires('mnist'),
  // onnxruntime-node returns typed arrays of Node's realm: share those constructors with the tests.
  testEnvironment: fileURLToPath(new URL('../../scripts/jest-shared-typed-arrays.cjs', import.meta.url)),
  // The app's quick tests run beside its training tests on a shared 2-core machine: a generous limit.
  testTimeout: 90_000,
};

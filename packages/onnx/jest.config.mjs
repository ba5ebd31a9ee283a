import { fileURLToPath } from 'node:url';
import preset, { requires } from '../../jest.preset.mjs';

export default {
  ...preset,
  ...requires('onnx'),
  // onnxruntime-node returns typed arrays of Node's realm: share those constructors with the tests.
  testEnvironment: fileURLToPath(new URL('../../scripts/jest-shared-typed-arrays.cjs', import.meta.url)),
};

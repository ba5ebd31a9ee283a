import preset, { requires } from '../jest.preset.mjs';

// Each guide runs as its own Node process (built packages, as a user would import them). Guides that
// read MNIST need it (one line and skipped where missing, see scripts/jest-requirements.mjs).
export default { ...preset, ...requires('mnist'), testTimeout: 240000 };

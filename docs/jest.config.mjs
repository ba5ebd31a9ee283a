import preset from '../jest.preset.mjs';

// Each guide runs as its own Node process (built packages, as a user would import them).
export default { ...preset, testTimeout: 240000 };

import preset from '../../jest.preset.mjs';

// These tests start jest and turbo themselves: a generous limit on a shared 2-core machine.
export default { ...preset, testTimeout: 120_000 };

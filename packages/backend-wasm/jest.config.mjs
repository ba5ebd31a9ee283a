import preset, { requires } from '../../jest.preset.mjs';

export default { ...preset, ...requires('wasm-toolchain') };

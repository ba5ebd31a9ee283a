import { SnnError } from '@snn/core';

/**
 * A WebGPU failure: no adapter, a lost device, or a validation / out-of-memory error from the GPU.
 *
 * @example
 * ```ts
 * try {
 *   const backend = await WebGPUBackend.create();
 *   registerBackend('webgpu', () => backend, 10);
 *   await setBackend('webgpu');
 * } catch (e) {
 *   if (!(e instanceof WebGPUError)) throw e;
 *   console.log(e.message); // no adapter: says what to install (NODE_INSTALL_HINT)
 * }
 * ```
 */
export class WebGPUError extends SnnError {}

/** What to install when no WebGPU adapter can be found (Node), shown in every "no adapter" error. */
export const NODE_INSTALL_HINT =
  'In Node, install the `webgpu` npm package (npm i webgpu) and a Vulkan driver. Without a GPU on ' +
  'Debian bookworm: enable bookworm-backports and `apt-get install -t bookworm-backports ' +
  "mesa-vulkan-drivers libvulkan1` (Mesa 25 lavapipe; bookworm's own Mesa 22 is rejected by Dawn). " +
  'In browsers, use one with WebGPU enabled (Chrome/Edge 113+, or Chromium with --enable-unsafe-webgpu).';

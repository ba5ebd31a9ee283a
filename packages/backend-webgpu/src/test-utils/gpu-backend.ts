import { NODE_INSTALL_HINT } from '../errors.js';
import { WebGPUBackend } from '../webgpu-backend.js';

/**
 * Creates the backend for GPU tests; a missing adapter FAILS the test (never a silent skip) with
 * what to install.
 */
export async function createTestBackend(): Promise<WebGPUBackend> {
  try {
    return await WebGPUBackend.create();
  } catch (err) {
    const message = String(err);
    throw new Error(
      `GPU tests need a WebGPU adapter and none could be created: ${message}${message.includes(NODE_INSTALL_HINT) ? '' : `\n${NODE_INSTALL_HINT}`}`,
    );
  }
}

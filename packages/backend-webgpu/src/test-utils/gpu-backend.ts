import { NODE_INSTALL_HINT } from '../errors.js';
import { WebGPUBackend } from '../webgpu-backend.js';

/**
 * Creates the backend for GPU tests. Files that call it start with `skipFileUnless('gpu')`, so it runs
 * only where the run's probe found an adapter: failing to get one here is a real failure, reported
 * with what to install.
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

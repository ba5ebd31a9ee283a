import { BackendError, backendName, ready, registerBackend, setBackend } from '@snn/core';
import type { BackendChoice } from '../cli/train-config.js';
import { BackendUnavailableError } from '../errors.js';

/*
 * Only the app chooses a backend (models never import one). `auto` takes the registry's order:
 * @snn/backend-wasm (our SIMD kernels on every core, the fastest CPU path here: it trains the presets
 * faster than tfjs-wasm and than plain PyTorch, see its README), then tfjs-node when the user has
 * installed it, tfjs-wasm, tfjs-cpu, and core's reference backend (priority 0). WebGPU is started only
 * when asked for by name: on machines without a GPU it runs on a software adapter (lavapipe,
 * SwiftShader) that is slower than the CPU backends.
 */
const WEBGPU_PRIORITY = 40;

const registered = { tfjs: false, webgpu: false, wasm: false };

async function registerWasm(): Promise<void> {
  if (registered.wasm) return;
  registered.wasm = true;
  const { registerWasmBackend } = await import('@snn/backend-wasm');
  registerWasmBackend();
}

async function registerTfjs(): Promise<void> {
  if (registered.tfjs) return;
  registered.tfjs = true;
  const { registerTfjsBackends } = await import('@snn/backend-tfjs');
  registerTfjsBackends();
}

async function registerWebgpu(): Promise<void> {
  if (registered.webgpu) return;
  registered.webgpu = true;
  const { webgpuBackendFactory } = await import('@snn/backend-webgpu');
  registerBackend('webgpu', webgpuBackendFactory(), WEBGPU_PRIORITY);
}

/** Start the chosen backend (or the best that starts, for `auto`) and return its name. */
export async function useBackend(choice: BackendChoice): Promise<string> {
  try {
    if (choice === 'webgpu') {
      await registerWebgpu();
      await setBackend('webgpu');
    } else if (choice === 'reference') {
      await setBackend('reference');
    } else if (choice === 'wasm') {
      await registerWasm();
      await setBackend('wasm');
    } else {
      await registerTfjs();
      if (choice === 'auto') {
        await registerWasm();
        await ready();
      } else await setBackend(choice);
    }
  } catch (error) {
    if (error instanceof BackendError) {
      throw new BackendUnavailableError(
        `--backend ${choice}: ${error.message}\nTry --backend auto, or --backend reference (pure TypeScript, always available, slow).`,
      );
    }
    throw error;
  }
  return backendName();
}

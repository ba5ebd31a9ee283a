import { BackendError } from '@snn/core';
import * as tf from '@tensorflow/tfjs-core';
import { guardWasmHeap } from './wasm-heap-guard.js';

/** The tfjs backends this package can run on. */
export type TfBackendKind = 'wasm' | 'cpu' | 'node';

/** tfjs's own registered name for each kind ('tensorflow' is the name tfjs-node registers). */
export const TF_BACKEND_NAME: Record<TfBackendKind, string> = {
  wasm: 'wasm',
  cpu: 'cpu',
  node: 'tensorflow',
};

const isNode = typeof process !== 'undefined' && process.versions?.node != null;

async function loadKind(kind: TfBackendKind): Promise<void> {
  if (kind === 'cpu') {
    await import('@tensorflow/tfjs-backend-cpu');
  } else if (kind === 'wasm') {
    const wasm = await import('@tensorflow/tfjs-backend-wasm');
    if (tf.findBackend('wasm') == null && isNode) {
      // Node-only code in its own module, so browser bundles never see node:* imports.
      const { locateWasmFiles } = await import('./node-wasm-files.js');
      locateWasmFiles(wasm);
    }
  } else {
    // Optional peer: installing it downloads libtensorflow, so it is never a dependency of ours.
    const moduleName = '@tensorflow/tfjs-node';
    try {
      await import(/* webpackIgnore: true */ moduleName);
    } catch (error) {
      throw new BackendError(
        `tfjs-node: cannot load ${moduleName} (${(error as Error).message}). ` +
          'Install it next to @snn/backend-tfjs (npm install @tensorflow/tfjs-node@4.22.0) ' +
          "or use the 'tfjs-wasm' backend.",
      );
    }
  }
}

/**
 * Loads and initialises one tfjs backend and makes it tfjs's active backend.
 * Throws a BackendError saying why when it cannot start here.
 */
export async function startTfBackend(kind: TfBackendKind): Promise<void> {
  await loadKind(kind);
  // tfjs-cpu prints a "install tfjs-node" banner on its first tensor in Node; the user chose this
  // backend through us (and our registry prefers tfjs-node when it is installed), so it is noise.
  // PROD only silences tfjs's warnings and deprecation notices.
  if (kind === 'cpu') tf.env().set('PROD', true);
  const name = TF_BACKEND_NAME[kind];
  let ok = false;
  let cause = '';
  try {
    ok = await tf.setBackend(name);
  } catch (error) {
    cause = `: ${(error as Error).message}`;
  }
  if (!ok || tf.getBackend() !== name) {
    throw new BackendError(`tfjs-${kind}: tfjs could not initialise its '${name}' backend${cause}`);
  }
  if (kind === 'wasm') guardWasmHeap();
}

/**
 * Makes `name` tfjs's active backend again if someone switched it (two of our backends in one
 * process, or user code calling tf.setBackend). tfjs's setBackend runs synchronously up to its first
 * await, which it only reaches for a backend not yet initialised; ours always are.
 */
export function activateTfBackend(name: string): void {
  if (tf.getBackend() !== name) void tf.setBackend(name);
}

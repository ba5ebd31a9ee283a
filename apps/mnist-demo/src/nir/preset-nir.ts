import { type NirGraph, type NirNetwork, relu, scale, toNir } from '@snn/nir';
import type { PresetNetwork } from '../models/network.js';
import { presetPieces, type RunSettings } from '../onnx/preset-export.js';

/**
 * The time step the app's NIR files are written for, in seconds: the presets step at 1 ms (Norse's
 * dt; snnTorch's and SpikingJelly's per-step decays are converted to time constants at this dt).
 * Readers need it: it is in the file's metadata as `snn.dt` (fromNir reads it from there).
 */
export const NIR_DT = 1e-3;

/** A preset network's per-step pieces (the ONNX export's list) for @snn/nir, and its input per sample. */
export function presetNirNetwork(
  network: PresetNetwork<unknown>,
  preset: RunSettings['config']['preset'],
): { pieces: NirNetwork; inputShape: number[] } {
  return {
    pieces: presetPieces(network, preset, { relu, scale }),
    inputShape: network.inputLayout === 'flat' ? [784] : [1, 28, 28],
  };
}

/** A preset network's per-step pieces (the ONNX export's list) as a NIR graph, with the run's settings as metadata. */
export function presetNir(network: PresetNetwork<unknown>, run: RunSettings): Promise<NirGraph> {
  const { preset, encoder, steps, dataset } = run.config;
  const { pieces, inputShape } = presetNirNetwork(network, preset);
  return toNir(pieces, {
    dt: NIR_DT,
    inputShape,
    metadata: {
      'mnist_demo.preset': preset,
      'mnist_demo.encoder': encoder,
      'mnist_demo.steps': steps,
      'mnist_demo.dataset': dataset,
    },
  });
}

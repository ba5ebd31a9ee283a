import { loadNirWeights, NirConversionError, NirFormatError, readNir } from '@snn/nir';
import { CheckpointError } from '../errors.js';
import type { PresetNetwork } from '../models/network.js';
import type { PresetName } from '../presets.js';
import { readBytes } from '../train/checkpoint-file.js';
import { NIR_DT, presetNirNetwork } from './preset-nir.js';

/**
 * `train --init-from model.nir`: the preset's freshly built network takes the weights (and learnable
 * neuron parameters) of a NIR graph of the same structure: one `export-nir` wrote, or any graph
 * with the same nodes. The graph's time step is its `snn.dt` metadata, else the
 * app's 1 ms. A file that is not NIR, or a graph of another network, is a CheckpointError (exit 4)
 * naming the file and every difference (both sides' node types and shapes).
 */
export async function initFromNir(
  network: PresetNetwork<unknown>,
  preset: PresetName,
  path: string,
): Promise<{ loaded: number; nodes: number }> {
  const bytes = await readBytes(path, 'NIR file');
  const { pieces, inputShape } = presetNirNetwork(network, preset);
  try {
    const { graph } = await readNir(bytes, path);
    const dt = typeof graph.metadata['snn.dt'] === 'number' ? undefined : NIR_DT;
    const { loaded, pairs } = await loadNirWeights(pieces, graph, { inputShape, dt, name: path });
    return { loaded, nodes: pairs.size };
  } catch (error) {
    if (error instanceof NirFormatError) throw new CheckpointError(error.message);
    if (error instanceof NirConversionError) {
      throw new CheckpointError(
        `--init-from: ${error.message.replace(/^(.*?) does not fit the network:/, `$1 does not fit --model ${preset}:`)}`,
      );
    }
    throw error;
  }
}

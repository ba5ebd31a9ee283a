import { type Batch, fit } from '@snn/modules';
import type { TrainConfig } from '../cli/train-config.js';
import type { PresetNetwork } from '../models/network.js';
import { createOptimizer } from '../train/train-run.js';

/**
 * One optimizer step per batch, as `mnist-demo train` takes them (the preset's optimizer, @snn/modules'
 * `fit`, which frees each batch after its step), with every batch's loss handed to `onLoss`. The
 * benchmark and the PyTorch check train through this, so both measure the app's own training loop.
 */
export async function trainOnBatches(
  config: TrainConfig,
  network: PresetNetwork<unknown>,
  batches: Iterable<Batch>,
  onLoss: (loss: number) => void,
): Promise<void> {
  await fit({
    model: network.module,
    optimizer: createOptimizer(config, network),
    epochs: 1,
    trainBatches: () => batches,
    forward: (_model, x) => network.forward(x),
    loss: (out, batch) => network.loss(out, batch.y),
    onBatch: (p) => onLoss(p.loss),
  });
}

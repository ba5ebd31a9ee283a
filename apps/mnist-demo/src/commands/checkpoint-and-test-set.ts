import type { BackendChoice, DatasetName } from '../cli/train-config.js';
import { loadData } from '../data/load-data.js';
import { useBackend } from '../runtime/backend.js';
import { restoreNetwork } from '../train/restore.js';

/** What eval, predict and agree start from: a backend, the checkpoint's network and the test images. */
export async function checkpointAndTestSet(
  config: {
    readonly backend: BackendChoice;
    readonly checkpoint: string;
    readonly dataset: DatasetName | undefined;
    readonly dataDir: string | undefined;
    readonly download: boolean;
    readonly limitTest?: number;
  },
  log: (line: string) => void,
) {
  const backend = await useBackend(config.backend);
  const { network, run } = await restoreNetwork(config.checkpoint);
  const dataset = config.dataset ?? run.config.dataset;
  const { test } = await loadData({
    dataset,
    dataDir: config.dataDir ?? run.config.dataDir,
    limitTest: config.limitTest,
    train: false,
    download: config.download,
    log,
  });
  return { backend, network, run, dataset, test };
}

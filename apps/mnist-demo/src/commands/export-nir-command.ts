import { writeFileAtomic } from '@snn/modules/node';
import { writeNir } from '@snn/nir';
import type { ExportNirConfig } from '../cli/nir-commands.js';
import { UsageError } from '../errors.js';
import { NIR_DT, presetNir } from '../nir/preset-nir.js';
import { useBackend } from '../runtime/backend.js';
import { restoreNetwork } from '../train/restore.js';

export interface ExportNirSummary {
  readonly model: string;
  readonly encoder: string;
  readonly steps: number;
  readonly dt: number;
  readonly nodes: number;
  readonly edges: number;
  readonly bytes: number;
  readonly out: string;
  readonly checkpoint: string;
}

/** `mnist-demo export-nir`: a checkpoint's network as one NIR file. */
export async function exportNirRun(
  config: ExportNirConfig,
  log: (line: string) => void,
): Promise<ExportNirSummary> {
  await useBackend('auto');
  const { network, run } = await restoreNetwork(config.checkpoint);
  log(
    `exporting ${run.config.preset} as a NIR graph at dt ${NIR_DT} s (its encoder ${run.config.encoder} and decoder stay outside)`,
  );
  const graph = await presetNir(network, run);
  const bytes = await writeNir(graph);
  try {
    await writeFileAtomic(config.out, bytes);
  } catch (error) {
    throw new UsageError(`cannot write ${config.out}: ${(error as Error).message}`);
  }
  return {
    model: run.config.preset,
    encoder: run.config.encoder,
    steps: run.config.steps,
    dt: NIR_DT,
    nodes: Object.keys(graph.nodes).length,
    edges: graph.edges.length,
    bytes: bytes.length,
    out: config.out,
    checkpoint: config.checkpoint,
  };
}

import type { Command } from 'commander';
import { required } from './onnx-config.js';

/** `mnist-demo export-nir`: a checkpoint's network as a NIR graph. */
export interface ExportNirConfig {
  readonly checkpoint: string;
  readonly out: string;
  readonly json: boolean;
}

export interface NirCommandHandlers {
  exportNir(config: ExportNirConfig): Promise<void>;
}

export function resolveExportNirConfig(raw: {
  checkpoint?: string;
  out?: string;
  json?: boolean;
}): ExportNirConfig {
  return {
    checkpoint: required(
      '--checkpoint <file>',
      raw.checkpoint,
      'the checkpoint a `mnist-demo train` run wrote',
    ),
    out: required('--out <file>', raw.out, 'where to write the NIR graph, e.g. model.nir'),
    json: raw.json === true,
  };
}

/** `export-nir`: leave the library as a NIR graph that snnTorch, Norse, SpikingJelly and chips load. */
export function addNirCommands(program: Command, handlers: NirCommandHandlers): void {
  program
    .command('export-nir')
    .description(
      "write a checkpoint's network as a NIR graph (HDF5, nir 1.0) for snnTorch, Norse, SpikingJelly or neuromorphic hardware: spikes or currents in, the last layer's output out (the encoder and decoder stay in your code)",
    )
    .option('--checkpoint <file>', 'checkpoint written by `mnist-demo train` (required)')
    .option('--out <file>', 'the NIR file to write, e.g. model.nir (required)')
    .option('--json', 'print one JSON object with the results as the last line on stdout')
    .action(async (flags) => {
      await handlers.exportNir(resolveExportNirConfig(flags));
    });
}

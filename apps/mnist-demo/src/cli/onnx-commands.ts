import { type Command, Option } from 'commander';
import { DATA_HELP } from './help-texts.js';
import {
  type AgreeConfig,
  type ExportOnnxConfig,
  type InferConfig,
  resolveAgreeConfig,
  resolveExportOnnxConfig,
  resolveInferConfig,
} from './onnx-config.js';
import { BACKEND_CHOICES, DATASET_NAMES } from './train-config.js';

/** The ONNX commands' work once their flags are valid. */
export interface OnnxCommandHandlers {
  exportOnnx(config: ExportOnnxConfig): Promise<void>;
  infer(config: InferConfig): Promise<void>;
  agree(config: AgreeConfig): Promise<void>;
}

/** `export-onnx` and `infer`: leave the library as a standard .onnx file and run it with onnxruntime. */
export function addOnnxCommands(program: Command, handlers: OnnxCommandHandlers): void {
  program
    .command('export-onnx')
    .description(
      "write a checkpoint's network as an ONNX model (opset 17) that onnxruntime runs with no @snn code: pixels in, class scores out",
    )
    .option('--checkpoint <file>', 'checkpoint written by `mnist-demo train` (required)')
    .option('--out <file>', 'the ONNX file to write, e.g. model.onnx (required)')
    .option(
      '--per-step',
      'export one time step (input and state in, output and state out) instead of the whole sequence',
    )
    .option('--json', 'print one JSON object with the results as the last line on stdout')
    .action(async (flags) => {
      await handlers.exportOnnx(resolveExportOnnxConfig(flags));
    });
  program
    .command('infer')
    .description(
      'test-set accuracy and speed of an ONNX model written by `export-onnx`, run by onnxruntime-node',
    )
    .option('--onnx <file>', 'the ONNX model (required)')
    .addOption(
      new Option('--dataset <name>', 'IDX data set (default: the one the model was trained on)').choices(
        DATASET_NAMES,
      ),
    )
    .option('--data-dir <dir>', DATA_HELP)
    .option('--no-download', 'never download the data set: fail with a message if no local copy is found')
    .option('--batch-size <B>', 'images per onnxruntime run (default 1000)')
    .option('--limit-test <N>', 'use only the first N test images')
    .option('--threads <N>', "onnxruntime's threads per operator (default: one per core)")
    .option('--seed <S>', 'seed for the spike trains of stochastic encoders, as `eval --seed` (default 0)')
    .option('--json', 'print one JSON object with the results as the last line on stdout')
    .action(async (flags) => {
      await handlers.infer(resolveInferConfig(flags));
    });
  program
    .command('agree')
    .description(
      "how often a checkpoint's predictions in the library and in onnxruntime-node agree on the test set (and scores within 1e-4)",
    )
    .option('--checkpoint <file>', 'checkpoint written by `mnist-demo train` (required)')
    .option(
      '--onnx <file>',
      'the ONNX model to compare (default: the checkpoint exported in memory, as export-onnx writes it)',
    )
    .addOption(new Option('--backend <name>', "the library's compute backend").choices(BACKEND_CHOICES))
    .addOption(
      new Option('--dataset <name>', 'IDX data set (default: the one the model was trained on)').choices(
        DATASET_NAMES,
      ),
    )
    .option('--data-dir <dir>', DATA_HELP)
    .option('--no-download', 'never download the data set: fail with a message if no local copy is found')
    .option('--batch-size <B>', 'images per batch on both sides (default 500)')
    .option('--limit-test <N>', 'use only the first N test images')
    .option('--threads <N>', "onnxruntime's threads per operator (default: one per core)")
    .option('--seed <S>', 'seed for the spike trains of stochastic encoders (default 0)')
    .option('--json', 'print one JSON object with the results as the last line on stdout')
    .action(async (flags) => {
      await handlers.agree(resolveAgreeConfig(flags));
    });
}

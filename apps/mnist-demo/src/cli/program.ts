import { Command, Option } from 'commander';
import { ENCODER_NAMES, PRESET_NAMES, PRESETS } from '../presets.js';
import {
  type EvalConfig,
  type PredictConfig,
  resolveEvalConfig,
  resolvePredictConfig,
} from './eval-config.js';
import { DATA_HELP } from './help-texts.js';
import { addNirCommands, type NirCommandHandlers } from './nir-commands.js';
import { addOnnxCommands, type OnnxCommandHandlers } from './onnx-commands.js';
import {
  AUTO_BACKEND,
  BACKEND_CHOICES,
  DATASET_NAMES,
  OPTIMIZER_NAMES,
  resolveTrainConfig,
  type TrainConfig,
} from './train-config.js';

/** What each command does once its flags are valid (the real ones load backends and data lazily). */
export interface CommandHandlers extends OnnxCommandHandlers, NirCommandHandlers {
  train(config: TrainConfig): Promise<void>;
  eval(config: EvalConfig): Promise<void>;
  predict(config: PredictConfig): Promise<void>;
}

export interface ProgramOutput {
  writeOut(text: string): void;
  writeErr(text: string): void;
}

export function presetTable(): string {
  const rows = PRESET_NAMES.map((name) => {
    const p = PRESETS[name];
    return `  ${name.padEnd(22)} T ${String(p.steps).padEnd(4)} batch ${String(p.batchSize).padEnd(4)} ${p.optimizer} ${p.lr}  epochs ${p.epochs}  encoder ${p.encoder}\n  ${''.padEnd(22)} ${p.network}\n  ${''.padEnd(22)} reference: ${p.reference.text}`;
  });
  return `\nPresets (--model):\n${rows.join('\n')}\n`;
}

export function createProgram(handlers: CommandHandlers, output?: ProgramOutput): Command {
  const program = new Command('mnist-demo')
    .description(
      'Train, evaluate and run the tutorial spiking neural networks of Norse, snnTorch and SpikingJelly on MNIST.',
    )
    .showHelpAfterError('(run with --help for usage)')
    .exitOverride();
  if (output) program.configureOutput({ writeOut: output.writeOut, writeErr: output.writeErr });

  const backendOption = () =>
    new Option('--backend <name>', `compute backend; ${AUTO_BACKEND}`).choices(BACKEND_CHOICES);
  const datasetOption = () => new Option('--dataset <name>', 'IDX data set').choices(DATASET_NAMES);

  program
    .command('train')
    .description(
      'train a preset network, report test accuracy, write a checkpoint (and pictures with --plots)',
    )
    .addOption(
      new Option('--model <preset>', 'network and hyperparameters (see the table below)').default(
        'norse-recurrent',
      ),
    )
    .addOption(
      new Option('--encoder <name>', `input encoding (default: the preset's): ${ENCODER_NAMES.join(', ')}`),
    )
    .addOption(backendOption().default('auto'))
    .option('--steps <T>', "time steps per sample (default: the preset's)")
    .option('--batch-size <B>', "samples per batch (default: the preset's)")
    .option('--epochs <N>', "passes over the training set (default: the tutorial's budget)")
    .option('--lr <X>', "learning rate, > 0 (default: the preset's)")
    .addOption(new Option('--optimizer <name>', "optimizer (default: the preset's)").choices(OPTIMIZER_NAMES))
    .option('--momentum <M>', 'SGD momentum in [0, 1) (with --optimizer sgd; default 0)')
    .option(
      '--tau <X>',
      "membrane time constant of the spiking layers, in time steps (default: the preset's)",
    )
    .addOption(datasetOption().default('mnist'))
    .option('--data-dir <dir>', DATA_HELP)
    .option('--no-download', 'never download the data set: fail with a message if no local copy is found')
    .option('--out-dir <dir>', 'where checkpoints, metrics and pictures go (default: runs/<preset>)')
    .option(
      '--resume <checkpoint>',
      'continue the run saved in this checkpoint (written after every epoch; same flags, same seed)',
    )
    .option(
      '--init-from <file.nir>',
      "start from the weights of a NIR graph of the preset's network (as export-nir writes it) instead of a random initialisation",
    )
    .option('--seed <S>', 'seed for initialisation, shuffling and stochastic encoders (default 0)')
    .option('--limit-train <N>', 'use only the first N training images')
    .option('--limit-test <N>', 'use only the first N test images')
    .option('--plots', 'write SVG and PNG pictures and report.html into the out dir')
    .option('--json', 'print one JSON object with the results as the last line on stdout')
    .addHelpText('after', presetTable)
    .action(async (flags) => {
      await handlers.train(resolveTrainConfig(flags));
    });

  program
    .command('eval')
    .description('test-set accuracy and loss of a saved checkpoint')
    .option('--checkpoint <file>', 'checkpoint written by `mnist-demo train` (required)')
    .addOption(backendOption())
    .addOption(datasetOption())
    .option('--data-dir <dir>', DATA_HELP)
    .option('--no-download', 'never download the data set: fail with a message if no local copy is found')
    .option('--batch-size <B>', 'samples per batch (default: the batches training evaluated in)')
    .option('--limit-test <N>', 'use only the first N test images')
    .option('--seed <S>', 'seed for stochastic encoders (default 0)')
    .option('--json', 'print one JSON object with the results as the last line on stdout')
    .action(async (flags) => {
      await handlers.eval(resolveEvalConfig(flags));
    });

  program
    .command('predict')
    .description(
      "classify test images with a saved checkpoint and show each digit, its label and the model's answer",
    )
    .option('--checkpoint <file>', 'checkpoint written by `mnist-demo train` (required)')
    .option('--index <i...>', 'test-set indices, e.g. --index 0 1 2 or --index 0,1,2 (default 0)')
    .addOption(backendOption())
    .addOption(datasetOption())
    .option('--data-dir <dir>', DATA_HELP)
    .option('--no-download', 'never download the data set: fail with a message if no local copy is found')
    .option('--seed <S>', 'seed for stochastic encoders (default 0)')
    .option('--json', 'print one JSON object with the results as the last line on stdout')
    .action(async (flags) => {
      await handlers.predict(resolvePredictConfig(flags));
    });

  addOnnxCommands(program, handlers);
  addNirCommands(program, handlers);
  return program;
}

#!/usr/bin/env node
/**
 * The child process of one `npm run bench` figure for our library (the harness starts one per figure, so
 * each peak RSS is that figure's alone). Prints one JSON line, a Figure, and exits.
 *   node dist/bench/speed/measure-child.js --backend tfjs-wasm --net snntorch-fc --phase train ...
 *   node dist/bench/speed/measure-child.js --probe --backend webgpu
 *   node dist/bench/speed/measure-child.js --backend onnxruntime-node --threads 2 --net ... --phase infer
 * `--probe` starts the backend only and prints {available, backend, threads} or {available: false, reason}.
 * `--backend onnxruntime-node` runs the preset exported to ONNX (inference only) at `--threads`.
 */
import { Command } from 'commander';
import { parseChoice, parseInteger, parsePositive } from '../../cli/parse-number.js';
import { BACKEND_CHOICES, type BackendChoice, resolvePreset } from '../../cli/train-config.js';
import { useBackend } from '../../runtime/backend.js';
import { type FigureRequest, PHASES } from './figure.js';
import { measureOnnx } from './measure-onnx.js';
import { backendThreads, measureOurs } from './measure-ours.js';
import { ONNX_BACKEND } from './onnx-runner.js';

interface Flags {
  probe?: boolean;
  backend: string;
  threads?: string;
  net?: string;
  phase?: string;
  steps?: string;
  tau?: string;
  lr?: string;
  normalization?: string;
  batchSize?: string;
  warmup: string;
  batches: string;
  maxSeconds: string;
  dataDir?: string;
}

function printAndExit(value: unknown, code = 0): void {
  process.stdout.write(`${JSON.stringify(value)}\n`, () => process.exit(code));
}

function required(flag: string, value: string | undefined): string {
  if (value === undefined) throw new Error(`measure-child: ${flag} is required`);
  return value;
}

async function main(): Promise<void> {
  const flags = new Command('measure-child')
    .option('--probe')
    .requiredOption('--backend <name>')
    .option('--threads <n>', 'onnxruntime-node intra-op threads')
    .option('--net <preset>')
    .option('--phase <phase>')
    .option('--steps <T>')
    .option('--tau <tau>')
    .option('--lr <lr>')
    .option('--normalization <how>')
    .option('--batch-size <B>')
    .option('--warmup <n>', '', '1')
    .option('--batches <n>', '', '10')
    .option('--max-seconds <s>', '', '60')
    .option('--data-dir <dir>', '', process.env.SNN_MNIST_DIR)
    .parse()
    .opts<Flags>();
  const onnx = flags.backend === ONNX_BACKEND;
  const backend = onnx
    ? undefined
    : (parseChoice('--backend', flags.backend, BACKEND_CHOICES) as BackendChoice);
  if (flags.probe && backend === undefined) {
    try {
      const { env } = await import('onnxruntime-node');
      printAndExit({ available: true, backend: ONNX_BACKEND, threads: null, version: env.versions.node });
    } catch (error) {
      const reason = (error instanceof Error ? error.message : String(error)).split('\n')[0];
      printAndExit({ available: false, reason });
    }
    return;
  }
  if (flags.probe && backend !== undefined) {
    try {
      const name = await useBackend(backend);
      printAndExit({ available: true, backend: name, threads: backendThreads() });
    } catch (error) {
      const reason = (error instanceof Error ? error.message : String(error)).split('\n')[0];
      printAndExit({ available: false, reason });
    }
    return;
  }
  const request: FigureRequest = {
    net: resolvePreset(required('--net', flags.net)),
    phase: parseChoice('--phase', required('--phase', flags.phase), PHASES),
    steps: parseInteger('--steps', required('--steps', flags.steps), 1),
    tau: parsePositive('--tau', required('--tau', flags.tau)),
    lr: parsePositive('--lr', required('--lr', flags.lr)),
    normalization: parseChoice('--normalization', required('--normalization', flags.normalization), [
      'standard',
      'unit',
    ] as const),
    batchSize: parseInteger('--batch-size', required('--batch-size', flags.batchSize), 1),
    warmup: parseInteger('--warmup', flags.warmup, 0),
    batches: parseInteger('--batches', flags.batches, 1),
    maxSeconds: parsePositive('--max-seconds', flags.maxSeconds),
    dataDir: required('--data-dir', flags.dataDir),
  };
  if (backend !== undefined) printAndExit(await measureOurs(backend, request));
  else
    printAndExit(
      await measureOnnx(request, parseInteger('--threads', required('--threads', flags.threads), 1)),
    );
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});

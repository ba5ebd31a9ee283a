import { cpus } from 'node:os';
import { Command } from 'commander';
import { parseInteger, parsePositive } from '../../cli/parse-number.js';
import { UsageError } from '../../errors.js';
import { isPresetName, PRESET_NAMES, PRESETS, type PresetName } from '../../presets.js';
import { PHASES, type Phase } from './figure.js';

export interface SpeedOptions {
  readonly nets: readonly PresetName[];
  /** Our backends to measure (undefined: every one that starts here). */
  readonly backends: readonly string[] | undefined;
  /** Runner names (undefined: all). */
  readonly runners: readonly string[] | undefined;
  readonly phases: readonly Phase[];
  readonly warmup: number;
  readonly batches: number;
  readonly maxSeconds: number;
  /** Batch size per network: the preset's unless overridden. */
  readonly batchSize: (net: PresetName) => number;
  readonly dataDir: string | undefined;
  readonly python: string | undefined;
  /** PyTorch thread counts to measure; each figure is divided by the fastest. */
  readonly torchThreads: readonly number[];
  readonly timeoutSeconds: number;
  readonly markdown: string | undefined;
  readonly quick: boolean;
}

/** Batch size of a quick run: the preset's, at most this. */
const QUICK_BATCH = 32;

function list(text: string | undefined): string[] | undefined {
  if (text === undefined) return undefined;
  const items = text
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s !== '');
  if (items.length === 0) throw new UsageError(`an empty list: '${text}'`);
  return items;
}

function nets(text: string | undefined): PresetName[] {
  const names = list(text) ?? [...PRESET_NAMES];
  for (const n of names) {
    if (!isPresetName(n))
      throw new UsageError(`--nets: unknown preset '${n}'; choose from: ${PRESET_NAMES.join(', ')}`);
  }
  return names as PresetName[];
}

/** `--batch-size 32` (every network) or `--batch-size norse-conv=32,snntorch-fc=64`. */
export function batchSizes(text: string | undefined, quick: boolean): (net: PresetName) => number {
  const preset = (net: PresetName) =>
    quick ? Math.min(PRESETS[net].batchSize, QUICK_BATCH) : PRESETS[net].batchSize;
  if (text === undefined) return preset;
  if (!text.includes('=')) {
    const all = parseInteger('--batch-size', text, 1);
    return () => all;
  }
  const map = new Map<string, number>();
  for (const item of list(text) ?? []) {
    const [net, size] = item.split('=');
    if (!isPresetName(net) || size === undefined) {
      throw new UsageError(`--batch-size: expected <number> or <preset>=<number>,..., got '${item}'`);
    }
    map.set(net, parseInteger(`--batch-size ${net}`, size, 1));
  }
  return (net) => map.get(net) ?? preset(net);
}

/** `--torch-threads 1,2`: distinct counts, ascending; by default 1 and the number of cores. */
function threadCounts(text: string | undefined, cores: number): number[] {
  const counts =
    text === undefined ? [1, cores] : (list(text) ?? []).map((t) => parseInteger('--torch-threads', t, 1));
  return [...new Set(counts)].sort((a, b) => a - b);
}

/** The harness's flags. `argv` without node and the script. */
export function parseSpeedOptions(
  argv: readonly string[],
  env: Readonly<Record<string, string | undefined>> = process.env,
  cores = cpus().length,
): SpeedOptions {
  const program = new Command('npm run bench')
    .usage('-- [options]')
    .description(
      "Training and inference throughput of every mnist-demo preset on every backend present, beside plain PyTorch's (bench/pytorch), with each figure's peak RSS.",
    )
    .option('--nets <list>', `presets, comma-separated (default all: ${PRESET_NAMES.join(',')})`)
    .option('--backends <list>', 'our backends, comma-separated (default: every one that starts here)')
    .option('--runners <list>', 'runners, comma-separated (default all: ours,onnx,pytorch)')
    .option('--phases <list>', 'train,infer (default both)')
    // Three, not one: during our second and third batches V8 is still compiling the hot JavaScript
    // (engine, tape, kernel wrappers) with TurboFan, which takes CPU from the compute threads: about
    // 2x the steady-state time on a 2-core machine. PyTorch gets the same warm-up.
    .option('--warmup <n>', 'untimed batches before each figure (JIT warm-up)', '3')
    .option('--batches <n>', 'timed batches per figure, at most', '10')
    .option('--max-seconds <s>', 'stop timing a figure after the batch that crosses this', '30')
    .option(
      '--batch-size <B|net=B,...>',
      "batch size for every network, or per network (default: the preset's)",
    )
    .option(
      '--quick',
      `a fast check of the harness: 1 warm-up and 2 timed batches of at most ${QUICK_BATCH}, 10 s per figure`,
    )
    .option('--data-dir <dir>', 'the four MNIST IDX files (default: $SNN_MNIST_DIR)')
    .option('--python <path>', 'python with torch (default: /usr/bin/python3, then python3)')
    .option(
      '--torch-threads <list>',
      'PyTorch (and onnxruntime-node) thread counts, comma-separated; each figure is divided by the fastest PyTorch one (default: 1 and the number of cores)',
    )
    .option('--timeout <s>', 'kill a figure that runs longer than this (it is reported as timed out)', '300')
    .option('--markdown <file>', 'also write the header and table to this file')
    .exitOverride()
    .configureOutput({ writeErr: (s) => process.stderr.write(s) });
  program.parse([...argv], { from: 'user' });
  const o = program.opts<Record<string, string | boolean | undefined>>();
  const text = (k: string) => o[k] as string | undefined;
  const quick = o.quick === true;
  const phases = list(text('phases')) ?? [...PHASES];
  for (const p of phases) {
    if (!(PHASES as readonly string[]).includes(p))
      throw new UsageError(`--phases: '${p}' is not train or infer`);
  }
  return {
    nets: nets(text('nets')),
    backends: list(text('backends')),
    runners: list(text('runners')),
    phases: phases as Phase[],
    warmup: quick ? 1 : parseInteger('--warmup', text('warmup')!, 0),
    batches: quick ? 2 : parseInteger('--batches', text('batches')!, 1),
    maxSeconds: quick ? 10 : parsePositive('--max-seconds', text('maxSeconds')!),
    batchSize: batchSizes(text('batchSize'), quick),
    dataDir: text('dataDir') ?? env.SNN_MNIST_DIR,
    python: text('python'),
    torchThreads: threadCounts(text('torchThreads'), cores),
    timeoutSeconds: parsePositive('--timeout', text('timeout')!),
    markdown: text('markdown'),
    quick,
  };
}

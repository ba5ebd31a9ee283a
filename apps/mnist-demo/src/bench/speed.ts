#!/usr/bin/env node
/**
 * `npm run bench`: training and inference throughput of every mnist-demo preset on every backend present,
 * each figure measured right before plain PyTorch's on the same network (bench/pytorch), with the
 * ratio and every figure's peak RSS. Not part of the tests. See the app README's bench section.
 *
 * Each figure runs in its own child process (so its peak RSS is its own) and prints one JSON line
 * {runner, net, backend, threads, phase, samples_per_s, peak_rss_mb, ...}; this process prints those
 * lines on stdout as they come, progress on stderr, and at the end the header and a markdown table.
 */
import { writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { DataNotFoundError, resolveDatasetFiles } from '@snn/data-mnist';
import { CommanderError } from 'commander';
import { UsageError } from '../errors.js';
import { DEFAULT_PRESET, PRESETS } from '../presets.js';
import { checkFigure, type FigureRequest } from './speed/figure.js';
import { describeMachine, loadAverage, machineLine } from './speed/machine.js';
import { parseSpeedOptions, type SpeedOptions } from './speed/options.js';
import { type Job, planJobs } from './speed/plan.js';
import { markdownTable, type Outcome } from './speed/report.js';
import { killChildren, runChild } from './speed/run-child.js';
import type { Target } from './speed/runner.js';
import { RUNNERS } from './speed/runners.js';

const say = (line: string) => process.stdout.write(`${line}\n`);
const progress = (line: string) => process.stderr.write(`${line}\n`);

/** The folder holding MNIST's four files, or undefined with the reason. */
async function findMnist(dataDir: string | undefined): Promise<{ dir?: string; reason?: string }> {
  if (!dataDir) return { reason: 'SNN_MNIST_DIR is not set (nor --data-dir)' };
  try {
    const options = { dataDir, env: {}, download: false } as const;
    const train = await resolveDatasetFiles('mnist', { ...options, split: 'train' });
    await resolveDatasetFiles('mnist', { ...options, split: 'test' });
    return { dir: dirname(train.images) };
  } catch (error) {
    if (error instanceof DataNotFoundError)
      return { reason: `${dataDir} does not hold the four MNIST IDX files` };
    throw error;
  }
}

function requestFor(job: Job, options: SpeedOptions, dataDir: string): FigureRequest {
  const p = PRESETS[job.net];
  return {
    net: job.net,
    phase: job.phase,
    steps: p.steps,
    tau: p.tau,
    lr: p.lr,
    normalization: p.normalization,
    batchSize: options.batchSize(job.net),
    warmup: options.warmup,
    batches: options.batches,
    maxSeconds: options.maxSeconds,
    dataDir,
  };
}

/**
 * The reference backend (pure TypeScript) is too slow to compare beyond a sanity row: unless named in
 * --backends it measures the default preset only.
 */
function sanityOnly(target: Target, options: SpeedOptions): boolean {
  return (
    target.runner === 'ours' && target.backend === 'reference' && !options.backends?.includes('reference')
  );
}

async function main(argv: readonly string[]): Promise<void> {
  const options = parseSpeedOptions(argv);
  const mnist = await findMnist(options.dataDir);
  if (!mnist.dir) {
    say(
      `npm run bench: skipped, no MNIST: ${mnist.reason}; point SNN_MNIST_DIR at a folder with its four IDX files.`,
    );
    return;
  }
  const machine = describeMachine();
  const loadStart = loadAverage();
  const runners = RUNNERS.filter((r) => !options.runners || options.runners.includes(r.name));
  for (const name of options.runners ?? []) {
    if (!RUNNERS.some((r) => r.name === name)) {
      throw new UsageError(
        `--runners: no runner '${name}'; there are: ${RUNNERS.map((r) => r.name).join(', ')}`,
      );
    }
  }
  const subjects: Target[] = [];
  const baselines: Target[] = [];
  const notes: string[] = [];
  for (const runner of runners) {
    progress(`probing ${runner.name}...`);
    const probe = await runner.probe({
      backends: options.backends,
      python: options.python,
      torchThreads: options.torchThreads,
    });
    (runner.baseline ? baselines : subjects).push(...probe.targets);
    if (probe.about) notes.push(probe.about);
    notes.push(...probe.skipped.map((s) => `skipped ${s}`));
  }
  const jobs = planJobs({
    nets: options.nets,
    phases: options.phases,
    subjects,
    baselines,
    includes: (target, net) => !sanityOnly(target, options) || net === DEFAULT_PRESET,
  });
  const settings =
    `warm-up ${options.warmup} batch${options.warmup === 1 ? '' : 'es'}, then up to ${options.batches} timed batches or ${options.maxSeconds} s per figure` +
    `${options.quick ? ' (--quick: batches of at most 32)' : ", the presets' batch sizes"}; full-size MNIST images`;
  const header = [`Measured ${machineLine(machine)}.`, `${settings}.`, ...notes.map((n) => `${n}.`)];
  for (const line of header) say(`# ${line}`);

  const outcomes: Outcome[] = [];
  const runnerOf = new Map(RUNNERS.map((r) => [r.name, r]));
  // A target that timed out on a network is not asked again for it (norse-conv at batch 256 on a
  // slow backend: each figure would take the whole timeout).
  const timedOut = new Set<string>();
  const keyOf = (job: Job) => `${job.net}|${job.target.runner}|${job.target.backend}|${job.target.threads}`;
  for (const [k, job] of jobs.entries()) {
    const what = `${job.net}, ${job.target.runner}/${job.target.backend}, ${job.phase}`;
    if (timedOut.has(keyOf(job))) {
      outcomes.push({ job, error: `not run: an earlier figure of ${job.net} timed out on it` });
      progress(`[${k + 1}/${jobs.length}] ${what}: not run (timed out before)`);
      continue;
    }
    progress(`[${k + 1}/${jobs.length}] ${what}...`);
    const request = requestFor(job, options, mnist.dir);
    const result = await runChild(
      runnerOf.get(job.target.runner)!.command(job.target, request),
      options.timeoutSeconds,
    );
    if (result.ok) {
      const figure = checkFigure(result.value, `${job.target.runner} (${job.net}, ${job.phase})`);
      outcomes.push({ job, figure });
      say(JSON.stringify(figure));
    } else {
      outcomes.push({ job, error: result.error });
      progress(`  failed: ${result.error}`);
      if (result.timedOut) timedOut.add(keyOf(job));
    }
  }
  const loadEnd = loadAverage();
  const table = markdownTable(outcomes, options.phases, (net) => PRESETS[net].batchSize);
  const footer = `1-minute load average at start / end: ${loadStart} / ${loadEnd} (${machine.cores} cores).`;
  const text = `${header.join('\n')}\n${footer}\n\n${table}`;
  say('');
  say(text);
  if (options.markdown) await writeFile(options.markdown, text);
}

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => {
    killChildren();
    process.exit(130);
  });
}

main(process.argv.slice(2)).catch((error: unknown) => {
  if (error instanceof CommanderError) process.exit(error.exitCode);
  process.stderr.write(`npm run bench: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(error instanceof UsageError ? 2 : 1);
});

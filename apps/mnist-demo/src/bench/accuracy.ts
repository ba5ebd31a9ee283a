#!/usr/bin/env node
/**
 * `npm run bench:accuracy`: trains each preset on the full data set for its tutorial's epoch budget (or
 * `--epochs`), as far as a time budget allows, and writes a markdown table: the tutorial's number beside
 * ours, the test accuracy after every epoch, wall time, backend. Not part of the tests (hours on a CPU
 * for the full budgets).
 *
 * Each epoch is its own `train --resume` step, so a preset stops cleanly at an epoch boundary when
 * the next epoch would not fit in its time budget, and its table row says how many epochs it got.
 */
import { writeFile } from 'node:fs/promises';
import { cpus, totalmem } from 'node:os';
import { join, resolve } from 'node:path';
import { makeDirectory } from '@snn/modules/node';
import { Command, Option } from 'commander';
import { createProgress } from '../cli/progress.js';
import { BACKEND_CHOICES, resolveTrainConfig } from '../cli/train-config.js';
import { exitCodeOf } from '../errors.js';
import { PRESET_NAMES, PRESETS, type PresetName } from '../presets.js';
import type { RunSummary } from '../train/run-record.js';
import { CHECKPOINT_FILE, trainRun } from '../train/train-run.js';

interface Row {
  readonly preset: PresetName;
  readonly summary: RunSummary | undefined;
  readonly seconds: number;
  readonly note: string;
  /** The epochs this row aimed for: the tutorial's budget unless `--epochs` set another. */
  readonly epochs: number;
}

function table(rows: readonly Row[], header: string): string {
  const lines = [
    header,
    '',
    '| preset | tutorial reports | ours: test accuracy | epochs run / budget | after each epoch | wall time | train samples/s | backend |',
    '| --- | --- | --- | --- | --- | --- | --- | --- |',
  ];
  for (const r of rows) {
    const p = PRESETS[r.preset];
    const s = r.summary;
    const minutes = `${(r.seconds / 60).toFixed(1)} min`;
    const perEpoch = s ? s.history.map((h) => h.test_accuracy.toFixed(2)).join(', ') : '-';
    lines.push(
      `| \`${r.preset}\` | ${p.reference.text} | ${s ? `${s.test_accuracy.toFixed(2)}%` : '-'}${r.note ? ` (${r.note})` : ''} | ${s?.epochs ?? 0} / ${r.epochs} | ${perEpoch} | ${minutes} | ${s?.train_samples_per_s ?? '-'} | ${s?.backend ?? '-'} |`,
    );
  }
  return `${lines.join('\n')}\n`;
}

async function main(): Promise<void> {
  const program = new Command('bench-accuracy')
    .description(
      "Train each preset for its tutorial's epoch budget (within a time budget) and tabulate test accuracy.",
    )
    .option('--epochs <N>', "epochs per preset (default: each tutorial's budget)")
    .option('--seed <S>', 'seed for initialisation and shuffling', '0')
    .option('--presets <names>', `comma-separated presets (default all: ${PRESET_NAMES.join(',')})`)
    .addOption(new Option('--backend <name>', 'backend').choices(BACKEND_CHOICES).default('auto'))
    .option('--minutes <m>', 'time budget per preset in minutes', '30')
    .option('--data-dir <dir>', 'MNIST folder (default: $SNN_MNIST_DIR, the cache, a download)')
    .option('--out <file>', 'markdown file to write', 'bench/accuracy.md')
    .option('--out-dir <dir>', 'where the runs go', 'runs/bench-accuracy');
  program.parse();
  const opts = program.opts<{
    presets?: string;
    backend: string;
    minutes: string;
    epochs?: string;
    seed: string;
    dataDir?: string;
    out: string;
    outDir: string;
  }>();
  // resolveTrainConfig validates --epochs and --seed the way `train` does (a clear error, exit 2) and
  // gives each preset's epochs: --epochs, else the tutorial's budget.
  const runs = (opts.presets?.split(',') ?? [...PRESET_NAMES]).map((p) =>
    resolveTrainConfig({ model: p, epochs: opts.epochs, seed: opts.seed }),
  );
  const budget = Number(opts.minutes) * 60;
  const rows: Row[] = [];
  const log = (line: string) => process.stderr.write(`${line}\n`);
  for (const { preset, epochs } of runs) {
    const outDir = resolve(opts.outDir, preset);
    const t0 = performance.now();
    let summary: RunSummary | undefined;
    let note = '';
    // A few batches first: a preset whose single epoch cannot fit in the budget is reported, not run.
    const probeBatch = Math.min(PRESETS[preset].batchSize, 32);
    const probe = await trainRun(
      resolveTrainConfig({
        model: preset,
        backend: opts.backend,
        epochs: '1',
        dataDir: opts.dataDir,
        seed: opts.seed,
        outDir: resolve(opts.outDir, `${preset}-probe`),
        batchSize: String(probeBatch),
        limitTrain: String(3 * probeBatch),
        limitTest: '16',
      }),
      { progress: createProgress(), log },
    );
    const epochSeconds = 60000 / Math.max(probe.train_samples_per_s, 1e-9);
    if (epochSeconds > budget) {
      rows.push({
        preset,
        epochs,
        summary: undefined,
        seconds: (performance.now() - t0) / 1000,
        note: `not run: ${probe.train_samples_per_s} samples/s on ${probe.backend}, one epoch would take about ${(epochSeconds / 3600).toFixed(1)} h`,
      });
      continue;
    }
    for (let epoch = 1; epoch <= epochs; epoch++) {
      const elapsed = (performance.now() - t0) / 1000;
      const perEpoch = summary ? elapsed / summary.epochs : 0;
      if (summary && elapsed + perEpoch > budget) {
        note = `stopped by the ${opts.minutes}-minute budget`;
        break;
      }
      const config = resolveTrainConfig({
        model: preset,
        backend: opts.backend,
        epochs: String(epoch),
        seed: opts.seed,
        dataDir: opts.dataDir,
        outDir,
        resume: summary ? join(outDir, CHECKPOINT_FILE) : undefined,
      });
      log(`== ${preset}: epoch ${epoch}/${epochs}`);
      summary = await trainRun(config, { progress: createProgress(), log });
    }
    rows.push({ preset, epochs, summary, seconds: (performance.now() - t0) / 1000, note });
  }
  const machine = `${cpus().length} x ${cpus()[0]?.model ?? 'CPU'}, ${Math.round(totalmem() / 2 ** 30)} GiB, Node ${process.version}`;
  const header = `Measured ${new Date().toISOString().slice(0, 10)} on ${machine}; full MNIST (60,000 / 10,000), seed ${opts.seed}.`;
  const markdown = table(rows, header);
  await makeDirectory(resolve(opts.out, '..'));
  await writeFile(opts.out, markdown);
  process.stdout.write(markdown);
}

// A mistake in the flags or the data prints one line and the app's exit status (2 for usage, 3 for data, ...).
main().catch((error: unknown) => {
  process.stderr.write(`npm run bench:accuracy: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(exitCodeOf(error));
});

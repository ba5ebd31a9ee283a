import { spawnSync } from 'node:child_process';
import { readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Progress } from '../cli/progress.js';
import { resolveTrainConfig } from '../cli/train-config.js';
import { CheckpointError } from '../errors.js';
import { mnistDir, testWithMnist } from '../test-utils/mnist-dir.js';
import { modelTensors } from '../test-utils/model-tensors.js';
import { tempDir } from '../test-utils/quick-run.js';
import { CHECKPOINT_FILE, trainRun } from './train-run.js';

/** Settings of the run: stochastic input (rate encoding), so the encoder streams must line up too. */
const FLAGS = {
  model: 'snntorch-fc',
  encoder: 'rate',
  backend: 'tfjs-wasm',
  steps: '4',
  limitTrain: '96',
  limitTest: '64',
  batchSize: '32',
  seed: '3',
  dataDir: mnistDir(),
  download: false,
};

class Killed extends Error {}

/** Stands in for a kill: the process dies in the middle of an epoch, after some checkpoints. */
function killingProgress(epoch: number, batch: number): Progress {
  let label = '';
  return {
    start(l) {
      label = l;
    },
    update(done) {
      if (label.startsWith(`epoch ${epoch}/`) && done === batch) throw new Killed('killed');
    },
    stop() {},
  };
}

const silent: Progress = { start() {}, update() {}, stop() {} };

testWithMnist(
  'killed mid-epoch, --resume continues and ends where an uninterrupted run ends',
  async () => {
    const whole = await tempDir('whole');
    const broken = await tempDir('broken');
    try {
      const reference = await trainRun(resolveTrainConfig({ ...FLAGS, epochs: '3', outDir: whole }), {
        progress: silent,
        log: () => {},
      });

      const interrupted = trainRun(resolveTrainConfig({ ...FLAGS, epochs: '3', outDir: broken }), {
        progress: killingProgress(2, 2),
        log: () => {},
      });
      await expect(interrupted).rejects.toThrow(Killed);

      const checkpoint = join(broken, CHECKPOINT_FILE);
      // A write killed between creating its temp file and renaming it (pid of a process that is gone).
      const dead = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], {
        encoding: 'utf8',
      }).stdout;
      await writeFile(`${checkpoint}.tmp-${dead}-0badc0de`, 'half a checkpoint');
      const resumed = await trainRun(
        resolveTrainConfig({ ...FLAGS, epochs: '3', outDir: broken, resume: checkpoint }),
        { progress: silent, log: () => {} },
      );
      expect(resumed.resumed_from_epoch).toBe(1);
      expect(resumed.history.map((e) => e.epoch)).toEqual([1, 2, 3]);
      expect(resumed.test_accuracy).toBe(reference.test_accuracy);
      expect(resumed.test_loss).toBe(reference.test_loss);
      expect(resumed.history.map((e) => e.train_loss)).toEqual(reference.history.map((e) => e.train_loss));
      expect(await modelTensors(checkpoint)).toEqual(await modelTensors(join(whole, CHECKPOINT_FILE)));
      // metrics.jsonl lists each epoch (and each batch of it) once, as the uninterrupted run's does.
      const records = async (d: string) =>
        (await readFile(join(d, 'metrics.jsonl'), 'utf8'))
          .trim()
          .split('\n')
          .map((l) => JSON.parse(l) as { type: string; epoch: number; batch?: number });
      const resumedRecords = await records(broken);
      expect(resumedRecords.filter((r) => r.type === 'epoch').map((r) => r.epoch)).toEqual([0, 1, 2]);
      expect(resumedRecords.map((r) => [r.type, r.epoch, r.batch])).toEqual(
        (await records(whole)).map((r) => [r.type, r.epoch, r.batch]),
      );
      // The temp file a killed checkpoint write left behind is gone after the next write.
      expect((await readdir(broken)).filter((f) => f.includes('.tmp-'))).toEqual([]);
    } finally {
      await rm(whole, { recursive: true, force: true });
      await rm(broken, { recursive: true, force: true });
    }
  },
  120_000,
);

testWithMnist(
  '--resume refuses a checkpoint made with other settings',
  async () => {
    const dir = await tempDir('mismatch');
    try {
      await trainRun(resolveTrainConfig({ ...FLAGS, epochs: '1', limitTrain: '32', outDir: dir }), {
        progress: silent,
        log: () => {},
      });
      const other = resolveTrainConfig({
        ...FLAGS,
        epochs: '2',
        limitTrain: '32',
        lr: '0.01',
        outDir: dir,
        resume: join(dir, CHECKPOINT_FILE),
      });
      await expect(trainRun(other, { progress: silent, log: () => {} })).rejects.toThrow(CheckpointError);
      await expect(trainRun(other, { progress: silent, log: () => {} })).rejects.toThrow(
        /lr: checkpoint 0.0005, now 0.01/,
      );
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  },
  60_000,
);

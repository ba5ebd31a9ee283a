import { chmod, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pytorchRunner } from './pytorch-runner.js';
import { lastJsonLine, runChild } from './run-child.js';

describe('child processes', () => {
  test('lastJsonLine skips log lines and takes the last object', () => {
    expect(lastJsonLine('warning\n{"a":1}\n{ not json\n{"b":2}\nbye\n')).toEqual({ b: 2 });
    expect(lastJsonLine('nothing here')).toBeUndefined();
  });

  test('runChild returns the JSON line, or the exit status and the error line without its stack', async () => {
    const ok = await runChild(
      { command: process.execPath, args: ['-e', 'console.log("log"); console.log(JSON.stringify({v: 3}))'] },
      30,
    );
    expect(ok).toEqual({ ok: true, value: { v: 3 } });
    const failed = await runChild(
      { command: process.execPath, args: ['-e', 'throw new RangeError("out of memory")'] },
      30,
    );
    expect(failed.ok).toBe(false);
    expect(!failed.ok && failed.error).toMatch(/^exit status 1: .*RangeError: out of memory/);
    expect(!failed.ok && failed.error).not.toMatch(/ at /);
  });

  test('a child past its timeout is killed and reported as timed out, without its stderr chatter', async () => {
    const slow = await runChild(
      {
        command: process.execPath,
        args: ['-e', 'console.error("loading the backend..."); setTimeout(() => {}, 60000)'],
      },
      1,
    );
    expect(slow).toEqual({ ok: false, error: 'timed out after 1 s', timedOut: true });
  });

  test('the PyTorch runner probes once and gives one target per thread count, each told its count', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'fake-python-'));
    try {
      // Stands in for python3: answers measure.py's --probe as it does when torch imports.
      const python = join(dir, 'python3');
      await writeFile(python, '#!/bin/sh\necho \'{"torch": "1.13.0"}\'\n');
      await chmod(python, 0o755);
      const probe = await pytorchRunner.probe({ backends: undefined, python, torchThreads: [1, 2] });
      expect(probe.skipped).toEqual([]);
      expect(probe.targets.map((t) => [t.runner, t.backend, t.threads])).toEqual([
        ['pytorch', 'pytorch', 1],
        ['pytorch', 'pytorch', 2],
      ]);
      expect(probe.about).toBe(`PyTorch 1.13.0 (${python}) at 1 and 2 threads, the faster of them each time`);
      const command = pytorchRunner.command(probe.targets[0], {
        net: 'snntorch-fc',
        phase: 'train',
        steps: 25,
        tau: 2,
        lr: 5e-4,
        normalization: 'unit',
        batchSize: 128,
        warmup: 1,
        batches: 10,
        maxSeconds: 30,
        dataDir: '/data/mnist',
      });
      expect(command.command).toBe(python);
      expect(command.args.slice(1, 5)).toEqual(['--threads', '1', '--net', 'snntorch-fc']);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  test('the PyTorch runner without a usable python is skipped with one line saying what to install', async () => {
    const probe = await pytorchRunner.probe({
      backends: undefined,
      python: '/nonexistent/python3',
      torchThreads: [1],
    });
    expect(probe.targets).toEqual([]);
    expect(probe.skipped).toHaveLength(1);
    expect(probe.skipped[0]).toMatch(/^pytorch: no Python with torch .*apt-get install python3-torch/);
  });
});

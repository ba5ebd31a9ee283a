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

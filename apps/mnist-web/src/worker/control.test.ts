import { Control, Stopped } from './control.js';

const tick = () => new Promise((r) => setTimeout(r, 1));

describe('Control (the worker scheduler)', () => {
  it('runs tasks one after another outside training', async () => {
    const c = new Control();
    const order: string[] = [];
    const slow = c.run(async () => {
      await tick();
      order.push('a');
    });
    const fast = c.run(async () => {
      order.push('b');
    });
    await Promise.all([slow, fast]);
    expect(order).toEqual(['a', 'b']);
  });

  it('runs a task that arrives during training between two steps, and pauses, serves, resumes and stops', async () => {
    const c = new Control();
    const log: string[] = [];
    let steps = 0;
    const loop = c.train(async () => {
      for (;;) {
        steps += 1;
        log.push(`step ${steps}`);
        await tick();
        await c.between();
      }
    });
    await tick();
    const served = c.run(async () => {
      log.push('task');
      return 42;
    });
    expect(await served).toBe(42);
    expect(log.indexOf('task')).toBeGreaterThan(0);
    c.pause();
    await tick();
    await tick();
    const pausedAt = steps;
    await tick();
    expect(steps).toBe(pausedAt);
    // still served while paused
    expect(await c.run(async () => 'while paused')).toBe('while paused');
    expect(steps).toBe(pausedAt);
    c.resume();
    await tick();
    await tick();
    expect(steps).toBeGreaterThan(pausedAt);
    c.pause();
    c.stop();
    await expect(loop).rejects.toBeInstanceOf(Stopped);
    expect(c.isTraining).toBe(false);
    // after training, tasks run directly again
    expect(await c.run(async () => 'after')).toBe('after');
  });
});

/** Thrown out of a training step when the user stops training. */
export class Stopped extends Error {
  constructor() {
    super('training stopped');
  }
}

/**
 * Orders the worker's work. Outside training, tasks run one after another. During training, a task
 * that needs the network (a checkpoint, an evaluation, a drawn digit) waits for the gap between two
 * training steps, where `between()` runs it; pause and stop take effect there too, and a paused loop
 * still serves such tasks.
 */
export class Control {
  private chain: Promise<unknown> = Promise.resolve();
  private waiting: Array<() => Promise<void>> = [];
  private training = false;
  private paused = false;
  private stopWanted = false;
  private wake: (() => void) | undefined;

  get isTraining(): boolean {
    return this.training;
  }

  get isPaused(): boolean {
    return this.paused;
  }

  /** Runs `task` now (after earlier tasks), or between two training steps while training runs. */
  run<T>(task: () => Promise<T>): Promise<T> {
    if (this.training) {
      return new Promise<T>((resolve, reject) => {
        this.waiting.push(() => task().then(resolve, reject));
        this.notify();
      });
    }
    const result = this.chain.then(task);
    this.chain = result.catch(() => {});
    return result;
  }

  /** Runs a training loop with the between-steps behaviour switched on. */
  train<T>(loop: () => Promise<T>): Promise<T> {
    return this.run(async () => {
      this.training = true;
      this.paused = false;
      this.stopWanted = false;
      try {
        return await loop();
      } finally {
        this.training = false;
        this.paused = false;
        await this.drain();
      }
    });
  }

  pause(): void {
    if (this.training) this.paused = true;
  }

  resume(): void {
    this.paused = false;
    this.notify();
  }

  stop(): void {
    if (!this.training) return;
    this.stopWanted = true;
    this.resume();
  }

  /** Called by the loop between two steps: runs waiting tasks, holds while paused, throws `Stopped`. */
  async between(): Promise<void> {
    await this.drain();
    while (this.paused && !this.stopWanted) {
      await new Promise<void>((r) => {
        this.wake = r;
      });
      this.wake = undefined;
      await this.drain();
    }
    if (this.stopWanted) throw new Stopped();
  }

  private notify(): void {
    this.wake?.();
  }

  private async drain(): Promise<void> {
    while (this.waiting.length > 0) await this.waiting.shift()!();
  }
}

import { ArgumentError } from '@snn/core';
import type { Optimizer } from './optimizer.js';

/**
 * A scheduler's state as a checkpoint stores it ({@link LRScheduler.stateDict}).
 *
 * @example
 * ```ts
 * const optimizer = new Adam(new Linear(784, 10).parameters(), { lr: 1e-3 });
 * const scheduler = new StepLR(optimizer, 10, 0.5);
 * const saved: SchedulerState = scheduler.stateDict(); // { type: 'StepLR', lastEpoch: 3, baseLr: 0.001 }
 * ```
 */
export interface SchedulerState {
  /** The scheduler class's name (`StepLR`, `CosineAnnealingLR`). */
  readonly type: string;
  /** Epochs stepped so far. */
  readonly lastEpoch: number;
  /** The optimizer's learning rate when the scheduler was made. */
  readonly baseLr: number;
}

/**
 * Sets `optimizer.lr` from the epoch count; call `step()` once per epoch, after the optimizer's steps.
 * Subclasses give the closed form `lrAt(epoch)` (StepLR, CosineAnnealingLR).
 *
 * @example
 * ```ts
 * // A warm-up schedule: the lr grows linearly to its base value over 5 epochs, then stays.
 * class WarmupLR extends LRScheduler {
 *   protected readonly typeName = 'WarmupLR';
 *   lrAt(epoch: number): number {
 *     return this.baseLr * Math.min(1, (epoch + 1) / 5);
 *   }
 * }
 * const optimizer = new SGD(new Linear(4, 2).parameters(), { lr: 0.1 });
 * const scheduler = new WarmupLR(optimizer);
 * scheduler.step(); // after epoch 0
 * console.log(scheduler.lr); // 0.04000000000000001 (0.1 * 2 / 5)
 * ```
 */
export abstract class LRScheduler {
  /** Epochs stepped so far (PyTorch's `last_epoch`), 0 at the start. */
  lastEpoch = 0;
  /** The optimizer's learning rate when the scheduler was made. */
  readonly baseLr: number;
  /** The class name written into state dicts. */
  protected abstract readonly typeName: string;

  /** @param optimizer - The optimizer whose `lr` this sets; its current lr becomes `baseLr`. */
  constructor(
    /** The optimizer whose `lr` this sets. */
    protected readonly optimizer: Optimizer,
  ) {
    this.baseLr = optimizer.lr;
  }

  /** The learning rate for epoch `epoch` (closed form). */
  abstract lrAt(epoch: number): number;

  /** Ends an epoch: `lastEpoch += 1` and the optimizer's lr becomes `lrAt(lastEpoch)`. */
  step(): void {
    this.lastEpoch += 1;
    this.optimizer.lr = this.lrAt(this.lastEpoch);
  }

  /** The optimizer's current learning rate. */
  get lr(): number {
    return this.optimizer.lr;
  }

  /** The state to checkpoint. */
  stateDict(): SchedulerState {
    return { type: this.typeName, lastEpoch: this.lastEpoch, baseLr: this.baseLr };
  }

  /**
   * Restores a saved state and sets the optimizer's lr for it. Throws an ArgumentError for another
   * scheduler class or a different base lr.
   */
  loadStateDict(s: SchedulerState): void {
    if (s.type !== this.typeName)
      throw new ArgumentError(`cannot load ${s.type} scheduler state into ${this.typeName}`);
    if (s.baseLr !== this.baseLr) {
      throw new ArgumentError(
        `${this.typeName}: saved base lr ${s.baseLr} differs from this optimizer's ${this.baseLr}`,
      );
    }
    this.lastEpoch = s.lastEpoch;
    this.optimizer.lr = this.lrAt(this.lastEpoch);
  }
}

/**
 * `torch.optim.lr_scheduler.StepLR`: lr = baseLr * gamma^floor(epoch / stepSize).
 *
 * @example
 * ```ts
 * const optimizer = new Adam(new Linear(784, 10).parameters(), { lr: 1e-3 });
 * const trainOneEpoch = () => {}; // your loop over the training batches
 * const scheduler = new StepLR(optimizer, 10, 0.5); // halve the lr every 10 epochs
 * for (let epoch = 0; epoch < 30; epoch++) { trainOneEpoch(); scheduler.step(); }
 * ```
 */
export class StepLR extends LRScheduler {
  protected readonly typeName = 'StepLR';
  /**
   * @param optimizer - The optimizer whose `lr` this sets.
   * @param stepSize - Epochs between decays (a positive integer).
   * @param gamma - Factor applied at each decay (default 0.1).
   */
  constructor(
    optimizer: Optimizer,
    /** Epochs between decays. */
    readonly stepSize: number,
    /** Factor applied at each decay (default 0.1). */
    readonly gamma = 0.1,
  ) {
    super(optimizer);
    if (!(Number.isInteger(stepSize) && stepSize > 0)) {
      throw new ArgumentError(`StepLR: stepSize must be a positive integer, got ${stepSize}`);
    }
  }

  lrAt(epoch: number): number {
    return this.baseLr * this.gamma ** Math.floor(epoch / this.stepSize);
  }
}

/**
 * `torch.optim.lr_scheduler.CosineAnnealingLR` in its closed form:
 * lr = etaMin + (baseLr - etaMin) * (1 + cos(pi * epoch / tMax)) / 2. (PyTorch's default `step()`
 * uses an equivalent recursive form that agrees up to rounding.)
 *
 * @example
 * ```ts
 * const optimizer = new Adam(new Linear(784, 10).parameters(), { lr: 1e-3 });
 * const scheduler = new CosineAnnealingLR(optimizer, 50); // from baseLr down to 0 over 50 epochs
 * ```
 */
export class CosineAnnealingLR extends LRScheduler {
  protected readonly typeName = 'CosineAnnealingLR';
  /**
   * @param optimizer - The optimizer whose `lr` this sets.
   * @param tMax - Epochs of the half cosine (> 0).
   * @param etaMin - The smallest learning rate (default 0).
   */
  constructor(
    optimizer: Optimizer,
    /** Epochs of the half cosine: the lr reaches `etaMin` at epoch tMax. */
    readonly tMax: number,
    /** The smallest learning rate (default 0). */
    readonly etaMin = 0,
  ) {
    super(optimizer);
    if (!(tMax > 0)) throw new ArgumentError(`CosineAnnealingLR: tMax must be > 0, got ${tMax}`);
  }

  lrAt(epoch: number): number {
    return this.etaMin + ((this.baseLr - this.etaMin) * (1 + Math.cos((Math.PI * epoch) / this.tMax))) / 2;
  }
}

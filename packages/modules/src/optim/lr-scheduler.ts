import { ArgumentError } from '@snn/core';
import type { Optimizer } from './optimizer.js';

export interface SchedulerState {
  readonly type: string;
  readonly lastEpoch: number;
  readonly baseLr: number;
}

/** Sets `optimizer.lr` from the epoch count; call `step()` once per epoch, after the optimizer's steps. */
export abstract class LRScheduler {
  lastEpoch = 0;
  readonly baseLr: number;
  protected abstract readonly typeName: string;

  constructor(protected readonly optimizer: Optimizer) {
    this.baseLr = optimizer.lr;
  }

  /** The learning rate for epoch `epoch` (closed form). */
  abstract lrAt(epoch: number): number;

  step(): void {
    this.lastEpoch += 1;
    this.optimizer.lr = this.lrAt(this.lastEpoch);
  }

  get lr(): number {
    return this.optimizer.lr;
  }

  stateDict(): SchedulerState {
    return { type: this.typeName, lastEpoch: this.lastEpoch, baseLr: this.baseLr };
  }

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

/** `torch.optim.lr_scheduler.StepLR`: lr = baseLr * gamma^floor(epoch / stepSize). */
export class StepLR extends LRScheduler {
  protected readonly typeName = 'StepLR';
  constructor(
    optimizer: Optimizer,
    readonly stepSize: number,
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
 */
export class CosineAnnealingLR extends LRScheduler {
  protected readonly typeName = 'CosineAnnealingLR';
  constructor(
    optimizer: Optimizer,
    readonly tMax: number,
    readonly etaMin = 0,
  ) {
    super(optimizer);
    if (!(tMax > 0)) throw new ArgumentError(`CosineAnnealingLR: tMax must be > 0, got ${tMax}`);
  }

  lrAt(epoch: number): number {
    return this.etaMin + ((this.baseLr - this.etaMin) * (1 + Math.cos((Math.PI * epoch) / this.tMax))) / 2;
  }
}

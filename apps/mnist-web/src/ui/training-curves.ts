import type { EpochRecord, LossRecord } from 'mnist-demo/shared';
import type { LineChart } from './line-chart.js';

/** Batches averaged in the smoothed batch-accuracy line. */
const SMOOTHING = 10;

/**
 * The loss and accuracy curves: every batch's loss and accuracy (smoothed), and the test accuracy
 * after each epoch, against the number of training samples seen. Redrawn at most once a frame.
 */
export class TrainingCurves {
  private lossX: number[] = [];
  private loss: number[] = [];
  private accX: number[] = [];
  private batchAcc: (number | null)[] = [];
  private testAcc: (number | null)[] = [];
  private recent: number[] = [];
  private queued = false;

  constructor(
    private readonly lossChart: LineChart,
    private readonly accuracyChart: LineChart,
  ) {}

  /** Start over from a run's history (empty for a new run; the stored one for a loaded checkpoint). */
  reset(losses: readonly LossRecord[], epochs: readonly EpochRecord[]): void {
    this.lossX = losses.map((l) => l.samples);
    this.loss = losses.map((l) => l.loss);
    this.accX = [];
    this.batchAcc = [];
    this.testAcc = [];
    this.recent = [];
    for (const e of epochs) {
      const last = losses.filter((l) => l.epoch === e.epoch).at(-1);
      if (last) this.epoch(last.samples, e.testAccuracy);
    }
    this.redraw();
  }

  batch(samples: number, loss: number, accuracy: number): void {
    this.lossX.push(samples);
    this.loss.push(loss);
    this.recent.push(accuracy * 100);
    if (this.recent.length > SMOOTHING) this.recent.shift();
    this.accX.push(samples);
    this.batchAcc.push(this.recent.reduce((a, b) => a + b, 0) / this.recent.length);
    this.testAcc.push(null);
    this.redraw();
  }

  epoch(samples: number, testAccuracy: number): void {
    this.accX.push(samples);
    this.batchAcc.push(null);
    this.testAcc.push(testAccuracy);
    this.redraw();
  }

  private redraw(): void {
    if (this.queued) return;
    this.queued = true;
    requestAnimationFrame(() => {
      this.queued = false;
      this.lossChart.set(this.lossX, this.loss);
      this.accuracyChart.set(this.accX, this.batchAcc, this.testAcc);
    });
  }
}

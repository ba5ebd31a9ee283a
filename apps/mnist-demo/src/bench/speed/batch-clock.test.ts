import type { Batch } from '@snn/modules';
import { type ClockReading, timedBatches } from './batch-clock.js';

describe('timedBatches', () => {
  const fakeBatch = { x: {}, y: {} } as unknown as Batch;
  function* endless(): Generator<Batch> {
    for (;;) yield fakeBatch;
  }

  function consume(warmup: number, batches: number, maxSeconds: number, msPerBatch: number) {
    let clock = 0;
    const reading: ClockReading = { start: Number.NaN, end: Number.NaN, timed: -1 };
    let pulled = 0;
    for (const _ of timedBatches(endless(), { warmup, batches, maxSeconds, now: () => clock }, reading)) {
      pulled += 1;
      clock += msPerBatch;
    }
    return { pulled, reading };
  }

  test('warm-up batches are untimed; the timed span covers exactly the timed batches', () => {
    const { pulled, reading } = consume(2, 5, 60, 100);
    expect(pulled).toBe(7);
    expect(reading).toEqual({ start: 200, end: 700, timed: 5 });
  });

  test('stops after the batch that crosses the time budget, and always times at least one', () => {
    expect(consume(1, 100, 0.25, 100).reading).toEqual({ start: 100, end: 400, timed: 3 });
    expect(consume(0, 100, 0.001, 5000).reading).toEqual({ start: 0, end: 5000, timed: 1 });
  });
});

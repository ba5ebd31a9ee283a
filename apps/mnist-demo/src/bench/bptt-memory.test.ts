import { memory } from '@snn/core';
import { bpttPeakMemory } from './bptt-memory.js';

describe('bpttPeakMemory (norse-recurrent)', () => {
  it('measures the peak above what was live, grows with T, and leaves only the gradients and loss', () => {
    const before = memory().numBytes;
    const short = bpttPeakMemory({ preset: 'norse-recurrent', batchSize: 4, steps: 4 });
    const long = bpttPeakMemory({ preset: 'norse-recurrent', batchSize: 4, steps: 12 });
    // Parameters: 784x100 + 100x100 + 100x10 float32; the encoded batch: T x 4 x 784 float32.
    const paramBytes = (784 * 100 + 100 * 100 + 10 * 100) * 4;
    expect(short.liveBeforeBytes - before).toBeGreaterThanOrEqual(paramBytes + 4 * 4 * 784 * 4);
    // Gradients (one per parameter) and the scalar loss stay until the caller frees them.
    expect(short.retainedBytes).toBe(paramBytes + 4);
    expect(long.retainedBytes).toBe(paramBytes + 4);
    // The tape holds per-step state for backprop through time: three times the steps, more memory.
    expect(short.peakAboveLiveBytes).toBeGreaterThan(short.retainedBytes);
    expect(long.peakAboveLiveBytes).toBeGreaterThan(short.peakAboveLiveBytes);
    expect(memory().numBytes).toBe(before);
  });
});

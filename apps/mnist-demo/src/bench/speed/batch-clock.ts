import type { Batch } from '@snn/modules';

/** When the timed batches started and ended (performance.now() ms) and how many there were. */
export interface ClockReading {
  start: number;
  end: number;
  timed: number;
}

export interface ClockOptions {
  readonly warmup: number;
  /** Timed batches at most (at least one is always timed). */
  readonly batches: number;
  readonly maxSeconds: number;
  readonly now?: () => number;
}

/**
 * Feeds `warmup` batches, then timed ones, to a consumer that pulls them one at a time (`fit`,
 * `evaluate`): a batch is pulled only once the previous one is finished, so the clock starts when
 * the consumer asks for the first timed batch and stops when it asks for the one after the last.
 * Encoding a batch (done lazily by `source`) is inside the timed span, as in PyTorch's loop.
 * `source` is an endless batch stream; the reading is filled in when the consumer stops asking.
 */
export function* timedBatches<B = Batch>(
  source: Iterator<B>,
  options: ClockOptions,
  reading: ClockReading,
): Generator<B> {
  const now = options.now ?? (() => performance.now());
  const budget = options.maxSeconds * 1000;
  let k = 0;
  try {
    for (; ; k++) {
      if (k === options.warmup) reading.start = now();
      const timed = k - options.warmup;
      if (timed >= 1 && (timed >= options.batches || now() - reading.start > budget)) break;
      const next = source.next();
      if (next.done) throw new Error('timedBatches: the batch source ran dry');
      yield next.value;
    }
  } finally {
    reading.end = now();
    reading.timed = Math.max(0, k - options.warmup);
    source.return?.();
  }
}

/** An endless stream of batches: epoch 0, 1, 2, ... of `epoch(e)`. */
export function* cycleEpochs<B = Batch>(epoch: (e: number) => Iterable<B>): Generator<B> {
  for (let e = 0; ; e++) {
    let any = false;
    for (const batch of epoch(e)) {
      any = true;
      yield batch;
    }
    if (!any) throw new Error('cycleEpochs: an epoch with no batches');
  }
}

import cliProgress from 'cli-progress';

export interface ProgressValues {
  /** Mean training loss over the batches of this epoch so far. */
  readonly loss: number;
  readonly samplesPerSecond: number;
}

/** Where long work reports how far it is. */
export interface Progress {
  /** A new phase of `total` units (batches), e.g. "epoch 2/5". */
  start(label: string, total: number): void;
  update(done: number, values: ProgressValues): void;
  /** End the phase; `summary` is printed on its own line. */
  stop(summary?: string): void;
}

export interface ProgressOptions {
  readonly stream?: NodeJS.WriteStream | NodeJS.WritableStream;
  /** Draw a live bar (default: when the stream is a TTY). */
  readonly tty?: boolean;
  /** Print nothing at all. */
  readonly silent?: boolean;
}

/**
 * A progress bar with loss and samples/s on a terminal, plain lines (about ten per phase) when the
 * output goes to a file or a pipe, where a redrawn bar would only fill the log with control codes.
 */
export function createProgress(options: ProgressOptions = {}): Progress {
  const stream = options.stream ?? process.stderr;
  if (options.silent) return { start() {}, update() {}, stop() {} };
  const tty = options.tty ?? (stream as NodeJS.WriteStream).isTTY === true;
  return tty ? new BarProgress(stream as NodeJS.WriteStream) : new LineProgress(stream);
}

export function formatValues(values: ProgressValues): string {
  return `loss ${formatLoss(values.loss)}  ${Math.round(values.samplesPerSecond)} samples/s`;
}

function formatLoss(loss: number): string {
  return Number.isFinite(loss) ? loss.toFixed(4) : String(loss);
}

class BarProgress implements Progress {
  private bar: cliProgress.SingleBar | undefined;

  constructor(private readonly stream: NodeJS.WriteStream) {}

  start(label: string, total: number): void {
    this.bar?.stop();
    this.bar = new cliProgress.SingleBar(
      {
        stream: this.stream,
        format: `${label} {bar} {value}/{total} | loss {loss} | {sps} samples/s | eta {eta_formatted}`,
        hideCursor: true,
        // We already decided this is a terminal (or were told to draw a bar): render even if cli-progress disagrees.
        noTTYOutput: true,
        clearOnComplete: false,
        etaBuffer: 20,
      },
      cliProgress.Presets.shades_classic,
    );
    this.bar.start(total, 0, { loss: '-', sps: '-' });
  }

  update(done: number, values: ProgressValues): void {
    this.bar?.update(done, { loss: formatLoss(values.loss), sps: Math.round(values.samplesPerSecond) });
  }

  stop(summary?: string): void {
    this.bar?.stop();
    this.bar = undefined;
    if (summary) this.stream.write(`${summary}\n`);
  }
}

class LineProgress implements Progress {
  private label = '';
  private total = 0;
  private every = 1;
  private lastPrinted = 0;

  constructor(private readonly stream: NodeJS.WritableStream) {}

  start(label: string, total: number): void {
    this.label = label;
    this.total = total;
    this.every = Math.max(1, Math.floor(total / 10));
    this.lastPrinted = 0;
  }

  update(done: number, values: ProgressValues): void {
    if (done !== this.total && done - this.lastPrinted < this.every) return;
    this.lastPrinted = done;
    this.stream.write(`${this.label} ${done}/${this.total}  ${formatValues(values)}\n`);
  }

  stop(summary?: string): void {
    if (summary) this.stream.write(`${summary}\n`);
  }
}

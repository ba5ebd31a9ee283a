import { ChecksumError, DataMnistError, type DownloadAttempt, DownloadError } from '../errors.js';
import type { FileSpec } from '../registry.js';
import { DigestChecker, type HasherFactory } from './hash.js';

/**
 * What {@link DownloadOptions.onProgress} receives after every chunk of a download.
 *
 * @example
 * ```ts
 * const onProgress = (p: DownloadProgress) =>
 *   console.log(`${p.file}: ${p.receivedBytes} of ${p.totalBytes ?? '?'} bytes from ${p.url}`);
 * ```
 */
export interface DownloadProgress {
  /** File name from the {@link FileSpec} being fetched, e.g. `train-images-idx3-ubyte.gz`. */
  readonly file: string;
  /** The mirror URL this attempt is reading from. */
  readonly url: string;
  /** Bytes received so far in this attempt (a retry starts again at 0). */
  readonly receivedBytes: number;
  /** From Content-Length, when the server sent one. */
  readonly totalBytes: number | undefined;
}

/**
 * Network options for {@link downloadVerified} and the loaders' `download` option: timeouts and
 * delays in milliseconds, retries per mirror, progress and cancellation. Every field is optional.
 *
 * @example
 * ```ts
 * const options: DownloadOptions = {
 *   timeoutMs: 10_000, // give up on a mirror that sends nothing for 10 s
 *   retries: 1,
 *   onProgress: (p) => console.log(p.file, p.receivedBytes),
 * };
 * ```
 */
export interface DownloadOptions {
  /** fetch implementation (default: the global one). */
  fetch?: typeof fetch;
  /** Give up on an attempt after this long without receiving a byte, connecting included (default 30000). */
  timeoutMs?: number;
  /**
   * Give up on an attempt after this long in all (default 600000: 10 minutes), however steadily the
   * bytes trickle in: a server sending one byte every few seconds never trips `timeoutMs`.
   */
  deadlineMs?: number;
  /**
   * Refuse a response larger than this many bytes (a Content-Length above it fails at once, a body
   * that grows past it is cut off). Data set loaders set it from the file's known size.
   */
  maxBytes?: number;
  /** Extra attempts per mirror after a network failure (default 2). HTTP 4xx and bad checksums move on at once. */
  retries?: number;
  /** Wait before a retry; doubled each time (default 500). */
  retryDelayMs?: number;
  /** Called for every chunk received. */
  onProgress?: (progress: DownloadProgress) => void;
  /** Cancels the download (no further mirrors are tried). */
  signal?: AbortSignal;
}

/**
 * Where downloaded bytes go. The Node sink writes a temporary file and renames it on `commit`
 * (so an interrupted download never leaves a complete-looking file); the browser sink keeps memory.
 *
 * @typeParam T - What `commit` yields (a path, the bytes...), returned by {@link downloadVerified}.
 * @example
 * ```ts
 * // An in-memory sink: commit yields the whole file.
 * function memorySink(): ByteSink<Uint8Array> {
 *   const chunks: Uint8Array[] = [];
 *   return {
 *     write: (chunk) => void chunks.push(chunk.slice()),
 *     commit: async () => {
 *       const out = new Uint8Array(chunks.reduce((n, c) => n + c.length, 0));
 *       let at = 0;
 *       for (const c of chunks) { out.set(c, at); at += c.length; }
 *       return out;
 *     },
 *     abort: async () => { chunks.length = 0; },
 *   };
 * }
 * ```
 */
export interface ByteSink<T> {
  /** Append one received chunk, in order; may be asynchronous (the download awaits it). */
  write(chunk: Uint8Array): Promise<void> | void;
  /** Called only after the checksum passed. */
  commit(): Promise<T>;
  /** Called on any failure; must remove partial output. */
  abort(): Promise<void>;
}

class AttemptFailure extends Error {
  constructor(
    message: string,
    readonly retryable: boolean,
  ) {
    super(message);
  }
}

/**
 * Download `file` from the first URL that serves it with the right checksum. Each URL gets
 * `1 + retries` attempts for transient failures (network errors, stalls, truncated bodies, 5xx).
 *
 * @param file - The file's spec: name, size and the digests the bytes must match.
 * @param urls - Mirrors, tried in order.
 * @param openSink - Opens a fresh {@link ByteSink} for each attempt.
 * @param createHasher - Makes the incremental hashers for the spec's digests.
 * @param options - Timeouts, retries, progress and cancellation (see {@link DownloadOptions}).
 * @returns What the sink's `commit` returned for the first verified attempt.
 * @throws {@link DownloadError} listing every attempt when no mirror served the right bytes; the
 *   signal's reason when `options.signal` aborts.
 * @example
 * ```ts
 * import { downloadVerified, KMNIST, openMemorySink, webHasher } from '@snn/data-mnist/browser';
 * const spec = KMNIST.splits.test.labels; // checked against its published md5
 * const gz: Uint8Array = await downloadVerified(
 *   spec,
 *   KMNIST.mirrors.map((m) => m + spec.name),
 *   openMemorySink,
 *   webHasher,
 *   { retries: 1 },
 * );
 * ```
 */
export async function downloadVerified<T>(
  file: FileSpec,
  urls: readonly string[],
  openSink: () => Promise<ByteSink<T>>,
  createHasher: HasherFactory,
  options: DownloadOptions = {},
): Promise<T> {
  const retries = options.retries ?? 2;
  const attempts: DownloadAttempt[] = [];
  if (urls.length === 0) {
    throw new DownloadError(file.name, [{ url: '', reason: 'no download URL is known for this file' }]);
  }
  for (const url of urls) {
    let delay = options.retryDelayMs ?? 500;
    for (let attempt = 0; attempt <= retries; attempt++) {
      options.signal?.throwIfAborted();
      const sink = await openSink();
      try {
        await fetchInto(url, file, sink, createHasher, options);
        return await sink.commit();
      } catch (error) {
        await sink.abort();
        if (options.signal?.aborted) throw options.signal.reason;
        const failure = toFailure(error);
        attempts.push({ url, reason: failure.message });
        if (!failure.retryable || attempt === retries) break;
        await sleep(delay, options.signal);
        delay *= 2;
      }
    }
  }
  throw new DownloadError(file.name, attempts);
}

async function fetchInto<T>(
  url: string,
  file: FileSpec,
  sink: ByteSink<T>,
  createHasher: HasherFactory,
  options: DownloadOptions,
): Promise<void> {
  const doFetch = options.fetch ?? globalThis.fetch;
  const timeoutMs = options.timeoutMs ?? 30000;
  const deadlineMs = options.deadlineMs ?? 600000;
  const maxBytes = options.maxBytes ?? Number.POSITIVE_INFINITY;
  const controller = new AbortController();
  const onOuterAbort = () => controller.abort(options.signal?.reason);
  options.signal?.addEventListener('abort', onOuterAbort, { once: true });
  // A slow mirror stays slow: past the deadline, move on to the next one.
  const deadline = setTimeout(
    () => controller.abort(new AttemptFailure(`too slow: not complete after ${deadlineMs} ms`, false)),
    deadlineMs,
  );
  let timer: ReturnType<typeof setTimeout> | undefined;
  const arm = () => {
    if (timer !== undefined) clearTimeout(timer);
    timer = setTimeout(
      () => controller.abort(new AttemptFailure(`stalled: no data for ${timeoutMs} ms`, true)),
      timeoutMs,
    );
  };
  try {
    arm();
    let response: Response;
    try {
      // identity: a server that gzips the .gz again on the fly would change the bytes we hash
      // (browsers ignore this header; they decode transparently either way).
      response = await doFetch(url, {
        signal: controller.signal,
        headers: { 'accept-encoding': 'identity' },
      });
    } catch (error) {
      throw abortReasonOr(controller, error);
    }
    if (!response.ok) {
      await response.body?.cancel().catch(() => undefined);
      const transient = response.status >= 500 || response.status === 408 || response.status === 429;
      throw new AttemptFailure(`HTTP ${response.status} ${response.statusText}`.trim(), transient);
    }
    const lengthHeader = response.headers.get('content-length');
    const encoded = (response.headers.get('content-encoding') ?? 'identity') !== 'identity';
    const total = lengthHeader !== null && !encoded ? Number(lengthHeader) : undefined;
    if (total !== undefined && total > maxBytes) {
      await response.body?.cancel().catch(() => undefined);
      throw new AttemptFailure(
        `too large: Content-Length ${total} bytes, at most ${maxBytes} expected`,
        false,
      );
    }
    const checker = new DigestChecker(file, url, createHasher);
    let received = 0;
    if (response.body === null) throw new AttemptFailure('empty response body', true);
    const reader = response.body.getReader();
    try {
      for (;;) {
        const { done, value } = await reader.read();
        if (done) break;
        arm();
        received += value.length;
        if (received > maxBytes) {
          await reader.cancel().catch(() => undefined);
          throw new AttemptFailure(
            `too large: more than ${maxBytes} bytes received, at most ${maxBytes} expected`,
            false,
          );
        }
        checker.update(value);
        await sink.write(value);
        options.onProgress?.({ file: file.name, url, receivedBytes: received, totalBytes: total });
      }
    } catch (error) {
      throw abortReasonOr(controller, error, received, total);
    } finally {
      reader.releaseLock();
    }
    if (total !== undefined && received !== total) {
      throw new AttemptFailure(`truncated: expected ${total} bytes, got ${received}`, true);
    }
    await checker.verify();
  } finally {
    if (timer !== undefined) clearTimeout(timer);
    clearTimeout(deadline);
    options.signal?.removeEventListener('abort', onOuterAbort);
  }
}

function abortReasonOr(
  controller: AbortController,
  error: unknown,
  received?: number,
  total?: number,
): unknown {
  if (error instanceof AttemptFailure) return error;
  if (controller.signal.aborted && controller.signal.reason instanceof AttemptFailure) {
    return controller.signal.reason;
  }
  if (controller.signal.aborted) return error;
  const why = describe(error);
  const progress =
    received === undefined ? '' : ` after ${received}${total === undefined ? '' : ` of ${total}`} bytes`;
  return new AttemptFailure(`connection failed${progress} (${why})`, true);
}

function toFailure(error: unknown): AttemptFailure {
  if (error instanceof AttemptFailure) return error;
  // A wrong checksum from one mirror will be wrong again there: move to the next mirror.
  if (error instanceof ChecksumError) return new AttemptFailure(error.message, false);
  if (error instanceof DataMnistError) return new AttemptFailure(error.message, false);
  return new AttemptFailure(describe(error), true);
}

function describe(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  const cause = (error as { cause?: unknown }).cause;
  return cause instanceof Error ? `${error.message}: ${cause.message}` : error.message;
}

function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    const t = setTimeout(done, ms);
    function done() {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }
    function onAbort() {
      clearTimeout(t);
      reject(signal?.reason);
    }
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}

/**
 * Every error this package throws on purpose is a `DataMnistError`, so a caller can tell "the data
 * is wrong or missing" from a bug. Messages name the file (or URL) and say what to do.
 *
 * @param message - What went wrong and what to do.
 * @param options - cause: the underlying error, if any.
 * @example
 * ```ts
 * try {
 *   parseIdx(new Uint8Array([0, 0, 8]), 'broken-idx'); // a truncated header
 * } catch (e) {
 *   if (e instanceof DataMnistError) console.log(e.name, e.message); // the data is wrong, not the code
 *   else throw e;
 * }
 * ```
 */
export class DataMnistError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = new.target.name;
  }
}

/**
 * The bytes are not a valid IDX file: bad magic, unknown dtype, truncated, trailing bytes, bad gzip.
 *
 * @param file - The file (path or name) that failed to parse.
 * @param problem - What is wrong with it.
 * @param options - cause: the underlying error, if any.
 * @example
 * ```ts
 * try {
 *   parseIdx(new Uint8Array([0x50, 0x4b, 3, 4]), 'train-images-idx3-ubyte'); // a zip file, not IDX
 * } catch (e) {
 *   if (e instanceof IdxFormatError) console.log(e.file, e.problem); // train-images-idx3-ubyte wrong magic number ...
 * }
 * ```
 */
export class IdxFormatError extends DataMnistError {
  constructor(
    /** The file (path or name) that failed to parse. */
    readonly file: string,
    /** What is wrong with it, e.g. 'truncated: header says 7840016 bytes, file has 100'. */
    readonly problem: string,
    options?: { cause?: unknown },
  ) {
    super(`${file}: ${problem}`, options);
  }
}

/**
 * Two valid IDX files that do not make a labelled image set (counts differ, label out of range...).
 *
 * @example
 * ```ts
 * const images = parseIdx(encodeIdx('uint8', [2, 2, 2], new Uint8Array(8)));
 * const labels = parseIdx(encodeIdx('uint8', [2], [0, 12])); // 12 is not a digit
 * try {
 *   ImageDataset.fromIdx(images, labels, { numClasses: 10 });
 * } catch (e) {
 *   if (e instanceof DatasetError) console.log(e.message); // labels: label 12 at index 1 is outside [0, 9] ...
 * }
 * ```
 */
export class DatasetError extends DataMnistError {}

/**
 * A file's digest differs from the one the registry (or the caller) expects.
 *
 * @example
 * ```ts
 * import { createHash } from 'node:crypto';
 * import { ChecksumError, verifyBytes } from '@snn/data-mnist';
 * const sha256 = () => {
 *   const h = createHash('sha256');
 *   return { update: (chunk: Uint8Array) => void h.update(chunk), digest: async () => h.digest('hex') };
 * };
 * const spec = { name: 'labels.gz', sha256: '0'.repeat(64) };
 * try {
 *   await verifyBytes(new Uint8Array([1, 2, 3]), spec, 'labels.gz', sha256);
 * } catch (e) {
 *   if (e instanceof ChecksumError) console.log(e.algorithm, e.expected, e.actual);
 * }
 * ```
 */
export class ChecksumError extends DataMnistError {
  constructor(
    /** The file whose digest differs. */
    readonly file: string,
    /** The hash algorithm, e.g. 'sha256' or 'md5'. */
    readonly algorithm: string,
    /** The expected digest, lowercase hex. */
    readonly expected: string,
    /** The digest of the bytes received, lowercase hex. */
    readonly actual: string,
  ) {
    super(
      `${file}: ${algorithm} checksum mismatch (expected ${expected}, got ${actual}); ` +
        'the file is corrupt or not the official one: delete it and load again',
    );
  }
}

/** One try of one URL and why it failed. */
export interface DownloadAttempt {
  /** The URL tried ('' when no URL was reached). */
  readonly url: string;
  /** Why it failed. */
  readonly reason: string;
}

/**
 * One line per URL tried (a URL retried after network errors appears once, with its last failure
 * and the number of tries).
 *
 * @param attempts - Each try, in order.
 * @example
 * ```ts
 * const lines = describeAttempts([
 *   { url: 'https://a.example/x.gz', reason: 'HTTP 503' },
 *   { url: 'https://a.example/x.gz', reason: 'timeout' },
 *   { url: 'https://b.example/x.gz', reason: 'HTTP 404' },
 * ]);
 * console.log(lines); // ['https://a.example/x.gz: timeout (2 tries)', 'https://b.example/x.gz: HTTP 404']
 * ```
 */
export function describeAttempts(attempts: readonly DownloadAttempt[]): string[] {
  const byUrl = new Map<string, { reason: string; tries: number }>();
  for (const a of attempts) {
    const seen = byUrl.get(a.url);
    byUrl.set(a.url, { reason: a.reason, tries: (seen?.tries ?? 0) + 1 });
  }
  return [...byUrl].map(
    ([url, { reason, tries }]) => `${url ? `${url}: ` : ''}${reason}${tries > 1 ? ` (${tries} tries)` : ''}`,
  );
}

/**
 * Every mirror failed for a file. `failures` holds each try; the message lists each URL once.
 *
 * @param file - The file that could not be downloaded.
 * @param failures - Each try, in order.
 * @param options - cause: the underlying error, if any.
 * @example
 * ```ts
 * const e = new DownloadError('train-images-idx3-ubyte.gz', [
 *   { url: 'https://a.example/train-images-idx3-ubyte.gz', reason: 'HTTP 503' },
 * ]);
 * console.log(e.message); // could not download train-images-idx3-ubyte.gz: then one line per URL
 * console.log(e.attempts); // ['https://a.example/train-images-idx3-ubyte.gz: HTTP 503']
 * ```
 */
export class DownloadError extends DataMnistError {
  constructor(
    /** The file that could not be downloaded. */
    readonly file: string,
    /** Each try, in order. */
    readonly failures: readonly DownloadAttempt[],
    options?: { cause?: unknown },
  ) {
    super(`could not download ${file}:\n  ${describeAttempts(failures).join('\n  ')}`, options);
  }

  /** Each try as `url: why`, in order. */
  get attempts(): string[] {
    return this.failures.map((a) => `${a.url}: ${a.reason}`);
  }
}

/** What a failed search for a data set's files found, for callers that word their own advice. */
export interface NotFoundDetails {
  /** e.g. 'MNIST train files not found: need a.gz and b.gz (gzip or uncompressed) in one folder.' */
  readonly summary: string;
  /** Each place searched, in order: its label ('dataDir option', the variable, 'cache') and folder. */
  readonly searched: readonly {
    /** Where the folder came from. */
    readonly label: string;
    /** The folder (undefined when that source named none). */
    readonly dir: string | undefined;
  }[];
  /** Why no download happened or what every mirror answered (one line per URL). */
  readonly download: readonly string[];
  /** How to get files that cannot be downloaded (EMNIST), if any. */
  readonly howToGet?: string;
  /** The data set's cache folder and environment variable. */
  readonly cacheDir: string;
  /** The environment variable naming a folder with the files (e.g. SNN_MNIST_DIR). */
  readonly envVar: string;
}

/**
 * No local copy and downloading is off or impossible. The message says where to put the files;
 * `details` lets an application (e.g. a command-line tool) give the same facts in its own words.
 *
 * @param message - Where to put the files.
 * @param details - The facts behind the message (places searched, download answers).
 * @param options - cause: the underlying error, if any.
 * @example
 * ```ts
 * try {
 *   // No local copy anywhere and downloading off: nothing to load.
 *   await loadMnist({ split: 'test', dataDir: '/nowhere', cacheDir: '/nowhere', env: {}, download: false });
 * } catch (e) {
 *   if (!(e instanceof DataNotFoundError)) throw e;
 *   console.log(e.details?.searched.map((p) => p.label)); // ['dataDir option', 'SNN_MNIST_DIR', 'cache']
 * }
 * ```
 */
export class DataNotFoundError extends DataMnistError {
  constructor(
    message: string,
    /** The facts behind the message. */
    readonly details?: NotFoundDetails,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

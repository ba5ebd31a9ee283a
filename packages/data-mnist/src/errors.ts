/**
 * Every error this package throws on purpose is a `DataMnistError`, so a caller can tell "the data
 * is wrong or missing" from a bug. Messages name the file (or URL) and say what to do.
 */
export class DataMnistError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = new.target.name;
  }
}

/** The bytes are not a valid IDX file: bad magic, unknown dtype, truncated, trailing bytes, bad gzip. */
export class IdxFormatError extends DataMnistError {
  constructor(
    readonly file: string,
    readonly problem: string,
    options?: { cause?: unknown },
  ) {
    super(`${file}: ${problem}`, options);
  }
}

/** Two valid IDX files that do not make a labelled image set (counts differ, label out of range...). */
export class DatasetError extends DataMnistError {}

/** A file's digest differs from the one the registry (or the caller) expects. */
export class ChecksumError extends DataMnistError {
  constructor(
    readonly file: string,
    readonly algorithm: string,
    readonly expected: string,
    readonly actual: string,
  ) {
    super(
      `${file}: ${algorithm} checksum mismatch (expected ${expected}, got ${actual}); ` +
        'the file is corrupt or not the official one: delete it and load again',
    );
  }
}

/** Every mirror failed for a file. `attempts` lists each URL tried and why it failed. */
export class DownloadError extends DataMnistError {
  constructor(
    readonly file: string,
    readonly attempts: readonly string[],
    options?: { cause?: unknown },
  ) {
    super(`could not download ${file}:\n  ${attempts.join('\n  ')}`, options);
  }
}

/** No local copy and downloading is off or impossible. The message says where to put the files. */
export class DataNotFoundError extends DataMnistError {}

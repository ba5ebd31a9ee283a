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
    /** The file (path or name) that failed to parse. */
    readonly file: string,
    /** What is wrong with it, e.g. 'truncated: header says 7840016 bytes, file has 100'. */
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

/** Every mirror failed for a file. `attempts` lists each URL tried and why it failed. */
export class DownloadError extends DataMnistError {
  constructor(
    /** The file that could not be downloaded. */
    readonly file: string,
    /** One line per URL tried: the URL and why it failed. */
    readonly attempts: readonly string[],
    options?: { cause?: unknown },
  ) {
    super(`could not download ${file}:\n  ${attempts.join('\n  ')}`, options);
  }
}

/** No local copy and downloading is off or impossible. The message says where to put the files. */
export class DataNotFoundError extends DataMnistError {}

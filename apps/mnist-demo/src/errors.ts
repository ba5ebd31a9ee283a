import { OutOfMemoryError, SnnError } from '@snn/core';
import { DataMnistError } from '@snn/data-mnist';

/** A command-line mistake (unknown preset, bad number, flags that do not go together). Exit status 2. */
export class UsageError extends SnnError {}

/** The data set could not be found, read or trusted; the message says how to provide it. Exit status 3. */
export class DataUnavailableError extends SnnError {}

/** A checkpoint that is missing, unreadable or made by a different preset. Exit status 4. */
export class CheckpointError extends SnnError {}

/** A backend that was asked for by name but cannot start here. Exit status 5. */
export class BackendUnavailableError extends SnnError {}

/** The backend ran out of memory; the message names the kernel and the bytes, and what to make smaller. Exit status 6. */
export class MemoryExhaustedError extends SnnError {}

export function exitCodeOf(err: unknown): number {
  if (err instanceof UsageError) return 2;
  // Every problem @snn/data-mnist reports on purpose is about the data: missing, a checksum that does
  // not match, a corrupt file, labels out of range, counts that differ.
  if (err instanceof DataUnavailableError || err instanceof DataMnistError) return 3;
  if (err instanceof CheckpointError) return 4;
  if (err instanceof BackendUnavailableError) return 5;
  if (err instanceof MemoryExhaustedError || err instanceof OutOfMemoryError) return 6;
  return 1;
}

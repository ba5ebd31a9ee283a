import { SnnError } from '@snn/core';

/** A command-line mistake (unknown preset, bad number, flags that do not go together). Exit status 2. */
export class UsageError extends SnnError {}

/** The data set could not be found or read; the message says how to provide it. Exit status 3. */
export class DataUnavailableError extends SnnError {}

/** A checkpoint that is missing, unreadable or made by a different preset. Exit status 4. */
export class CheckpointError extends SnnError {}

/** A backend that was asked for by name but cannot start here. Exit status 5. */
export class BackendUnavailableError extends SnnError {}

export function exitCodeOf(err: unknown): number {
  if (err instanceof UsageError) return 2;
  if (err instanceof DataUnavailableError) return 3;
  if (err instanceof CheckpointError) return 4;
  if (err instanceof BackendUnavailableError) return 5;
  return 1;
}

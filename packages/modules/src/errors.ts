import { SnnError } from '@snn/core';

/** A `.safetensors` buffer that does not follow the format; the message says what is wrong and where. */
export class SafetensorsError extends SnnError {}

/** `loadStateDict` keys or shapes that do not match the module; the message lists them all. */
export class StateDictError extends SnnError {}

/** Training stopped: a non-finite loss (the message names the epoch and step) or a bad checkpoint. */
export class TrainingError extends SnnError {}

import { SnnError } from '@snn/core';

/**
 * A `.safetensors` buffer that does not follow the format; the message says what is wrong and where.
 *
 * @example
 * ```ts
 * try {
 *   parseSafetensors(new Uint8Array([1, 2, 3])); // shorter than the 8-byte header length
 * } catch (e) {
 *   if (e instanceof SafetensorsError) console.log(e.message);
 * }
 * ```
 */
export class SafetensorsError extends SnnError {}

/**
 * `loadStateDict` keys or shapes that do not match the module; the message lists them all.
 *
 * @example
 * ```ts
 * const model = new Linear(3, 2); // keys weight [2, 3] and bias [2]
 * try {
 *   model.loadStateDict(new Map([['weight', zeros([3, 2])]]));
 * } catch (e) {
 *   if (e instanceof StateDictError) console.log(e.message); // the wrong shape and the missing bias
 * }
 * ```
 */
export class StateDictError extends SnnError {}

/**
 * Training stopped: a non-finite loss (the message names the epoch and step) or a bad checkpoint.
 *
 * @example
 * ```ts
 * const model = new Linear(2, 2);
 * try {
 *   loadCheckpoint(await saveSafetensors(model), { model }); // weights, but not a checkpoint
 * } catch (e) {
 *   if (e instanceof TrainingError) console.log(e.message); // not a checkpoint of this library ...
 * }
 * ```
 */
export class TrainingError extends SnnError {}

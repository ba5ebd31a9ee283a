import { SnnError } from '@snn/core';

/**
 * A NIR file or graph that breaks the format's rules; the message names the file or node and the problem.
 *
 * @example
 * ```ts
 * try {
 *   await readNir(new TextEncoder().encode('{"nodes": {}}'), 'model.json'); // JSON, not HDF5
 * } catch (e) {
 *   if (e instanceof NirFormatError) console.log(e.message); // model.json: not an HDF5 file ...
 * }
 * ```
 */
export class NirFormatError extends SnnError {}

/**
 * A model piece that has no exact NIR form (or a NIR node with no counterpart here); the message names
 * the piece (its path and class, or the node's name and type) and why.
 *
 * @example
 * ```ts
 * // A module of your own: NIR has no node for what its forward computes.
 * class Doubler extends Module<[Tensor], Tensor> {
 *   forward(x: Tensor): Tensor {
 *     return mul(x, 2);
 *   }
 * }
 * try {
 *   await toNir(new Doubler(), { dt: 1e-3, inputShape: [4] });
 * } catch (e) {
 *   if (e instanceof NirConversionError) console.log(e.message); // names Doubler and why
 * }
 * ```
 */
export class NirConversionError extends SnnError {}

import { SnnError } from '@snn/core';

/**
 * A model, encoder or decoder that cannot be exported as asked; the message names the piece (its
 * path in the model and its class) and says why, and what to do instead where there is a way.
 *
 * @example
 * ```ts
 * // A module of your own: the exporter cannot know what its forward computes.
 * class Doubler extends Module<[Tensor], Tensor> {
 *   forward(x: Tensor): Tensor {
 *     return mul(x, 2);
 *   }
 * }
 * try {
 *   await exportOnnx(new Doubler(), { inputShape: [4], steps: 10 });
 * } catch (e) {
 *   if (e instanceof OnnxExportError) console.log(e.message); // names Doubler and why it cannot be exported
 * }
 * ```
 */
export class OnnxExportError extends SnnError {}

/**
 * An ONNX file or input that the predictor cannot use; the message names the file or input and the problem.
 *
 * @example
 * ```ts
 * try {
 *   await loadOnnx('no-such-model.onnx');
 * } catch (e) {
 *   if (e instanceof OnnxRuntimeError) console.log(e.message); // ONNX model no-such-model.onnx does not exist
 * }
 * ```
 */
export class OnnxRuntimeError extends SnnError {}

import { SnnError } from '@snn/core';

/**
 * A model, encoder or decoder that cannot be exported as asked; the message names the piece (its
 * path in the model and its class) and says why, and what to do instead where there is a way.
 */
export class OnnxExportError extends SnnError {}

/** An ONNX file or input that the predictor cannot use; the message names the file or input and the problem. */
export class OnnxRuntimeError extends SnnError {}

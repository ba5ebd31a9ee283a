import type * as tf from '@tensorflow/tfjs-core';

/**
 * The opaque DataId this backend hands to core: a box around one tf.Tensor. Core never sees the
 * tf.Tensor. The box lets disposeData detect double frees and lets `memory()` count live data.
 */
export class TfData {
  disposed = false;
  constructor(readonly tensor: tf.Tensor) {}
}

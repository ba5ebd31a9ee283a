import * as tf from '@tensorflow/tfjs-core';

/**
 * The opaque DataId this backend hands to core: a box around one tf.Tensor. Core never sees the
 * tf.Tensor. The box lets disposeData detect double frees and lets `memory()` count live data.
 *
 * `derived` holds tensors computed from this data that kernels reuse, e.g. the transpose of a weight
 * matrix that a MatMul needs on every time step. Data never changes after it is written (kernels
 * return fresh data), so a derived tensor stays valid until the data is disposed, and dies with it.
 */
export class TfData {
  disposed = false;
  private derived?: Map<string, tf.Tensor>;

  constructor(readonly tensor: tf.Tensor) {}

  /** The tensor cached under `key`, made (and kept out of any tf.tidy) on first use. */
  derive(key: string, make: () => tf.Tensor): tf.Tensor {
    this.derived ??= new Map();
    let t = this.derived.get(key);
    if (t === undefined) {
      t = tf.keep(make());
      this.derived.set(key, t);
    }
    return t;
  }

  /**
   * The data under another shape of the same size (core's reshape is metadata only, so a kernel input
   * may carry a shape its tf.Tensor does not have). A tf.reshape handle shares the data and keeps it
   * alive until it is disposed itself: made once per shape and disposed with the data, a view taken
   * outside a kernel's tf.tidy can never outlive it (one taken per call there leaked the whole data).
   */
  view(shape: readonly number[]): tf.Tensor {
    return this.derive(`view:${shape.join(',')}`, () => tf.reshape(this.tensor, shape as number[]));
  }

  dispose(): void {
    this.disposed = true;
    this.tensor.dispose();
    if (this.derived) for (const t of this.derived.values()) t.dispose();
    this.derived = undefined;
  }
}

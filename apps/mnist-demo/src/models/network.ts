import type { Tensor } from '@snn/core';
import type { Module } from '@snn/modules';
import type { TraceRecorder } from './trace-recorder.js';

/**
 * A preset's network as the training loop sees it. `module` holds every parameter (optimizer,
 * checkpoints); `forward` takes the encoded batch ([T, B, ...] spikes, or [B, ...] pixels for
 * `direct` encoding) and returns what `loss` and `scores` read.
 */
export interface PresetNetwork<Out = Tensor> {
  readonly module: Module;
  forward(input: Tensor, recorder?: TraceRecorder): Out;
  /** Scalar training loss of a batch; `labels` [B] int32 class indices. */
  loss(output: Out, labels: Tensor): Tensor;
  /** Class scores [B, classes]: the prediction is their argmax. */
  scores(output: Out): Tensor;
  /** The pixel layout the network takes: flat [B, 784] or images [B, 1, 28, 28]. */
  readonly inputLayout: 'flat' | 'image';
  /** Per-neuron learnable parameters worth a histogram (norse-param-learning), by display name. */
  neuronParameters?(): Record<string, Tensor>;
}

import type { Tensor } from '../tensor/tensor.js';

/** The Conv2D / Conv2DBackpropFilter attr marking a spike input (absent otherwise). */
export function spikeInput(x: Tensor): {
  /** Present, and true, exactly when x holds spikes (`x.binary`). */
  spikeInput?: true;
} {
  return x.binary ? { spikeInput: true } : {};
}

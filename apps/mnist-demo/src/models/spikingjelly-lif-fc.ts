import { mean, oneHot, type Tensor, unstack } from '@snn/core';
import { LIFNode, Linear, Module, mseLoss, resetNet } from '@snn/modules';
import type { PresetNetwork } from './network.js';
import type { TraceRecorder } from './trace-recorder.js';

/**
 * SpikingJelly's `lif_fc_mnist`: Flatten -> Linear(784, 10, no bias) -> LIFNode(tau 2, ATan surrogate,
 * hard reset to 0), in multi-step mode (the Linear runs on all T steps at once). The LIFNode keeps its
 * membrane between calls as in SpikingJelly, so every forward starts with `resetNet`
 * (SpikingJelly's `functional.reset_net` after each batch).
 */
export class SpikingJellyLifFc extends Module {
  readonly fc: Linear;
  readonly lif: LIFNode;

  constructor(options: { readonly tau: number }) {
    super();
    this.fc = this.registerModule('fc', new Linear(784, 10, { bias: false }));
    this.lif = this.registerModule(
      'lif',
      new LIFNode({ tau: options.tau, surrogate: 'atan', storeVSeq: true }),
    );
  }

  /** Spikes [T, B, 784] -> output spikes [T, B, 10]. */
  forward(spikes: Tensor, recorder?: TraceRecorder): Tensor {
    resetNet(this);
    const out = this.lif.forward(this.fc.forward(spikes));
    if (recorder && this.lif.vSeq)
      for (const v of unstack(this.lif.vSeq, 0)) recorder.record('output voltage', v, v.shape[1]);
    // Its only layer is the output layer: the raster shows its spikes.
    if (recorder?.recordSpikes) for (const z of unstack(out, 0)) recorder.recordSpikes('output spikes', z);
    return out;
  }
}

/** Firing rate over time against the one-hot label with MSE, as the SpikingJelly example. */
export function spikingjellyLifFcNetwork(options: { readonly tau: number }): PresetNetwork {
  const module = new SpikingJellyLifFc(options);
  return {
    module,
    inputLayout: 'flat',
    forward: (input, recorder) => mean(module.forward(input, recorder), 0),
    loss: (rate, labels) => mseLoss(rate, oneHot(labels, 10)),
    scores: (rate) => rate,
  };
}

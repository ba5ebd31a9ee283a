import { add, sum, type Tensor, unstack } from '@snn/core';
import { crossEntropy, Leaky, Linear, Module } from '@snn/modules';
import type { PresetNetwork } from './network.js';
import type { TraceRecorder } from './trace-recorder.js';

/** snnTorch tutorial 5's beta 0.95 is exp(-1/tau) for the preset's tau; keep it exact at that tau. */
export function betaFromTau(tau: number): number {
  const tutorialTau = -1 / Math.log(0.95);
  return tau === tutorialTau ? 0.95 : Math.exp(-1 / tau);
}

export interface SnnTorchOutput {
  /** Output spikes [T, B, 10]. */
  readonly spk: Tensor;
  /** Output membrane [T, B, 10]. */
  readonly mem: Tensor;
}

/**
 * snnTorch tutorial 5: Linear(784, 1000) -> Leaky(0.95) -> Linear(1000, 10) -> Leaky(0.95), the same
 * image at every step. Each layer's state stays in its own Leaky, so the layers run one after the
 * other over the sequence (same values as the tutorial's per-step loop); with direct input the first
 * Linear is computed once, as its input does not change over time, and each Leaky runs its steps through
 * `forwardSequence` (one fused kernel per layer when inferring, the step loop when training).
 */
export class SnnTorchFc extends Module {
  readonly fc1: Linear;
  readonly lif1: Leaky;
  readonly fc2: Linear;
  readonly lif2: Leaky;

  constructor(
    options: { readonly tau: number },
    readonly steps: number,
  ) {
    super();
    const beta = betaFromTau(options.tau);
    this.fc1 = this.registerModule('fc1', new Linear(784, 1000));
    this.lif1 = this.registerModule('lif1', new Leaky(beta));
    this.fc2 = this.registerModule('fc2', new Linear(1000, 10));
    this.lif2 = this.registerModule('lif2', new Leaky(beta));
  }

  /** Pixels [B, 784] (direct input) or spikes [T, B, 784] -> output spikes and membrane. */
  forward(input: Tensor, recorder?: TraceRecorder): SnnTorchOutput {
    const currents = this.fc1.forward(input);
    const hidden =
      input.rank === 2
        ? this.lif1.forwardSequence(currents, null, this.steps)
        : this.lif1.forwardSequence(currents);
    const out = this.lif2.forwardSequence(this.fc2.forward(hidden.spk));
    if (recorder) {
      const spk1 = unstack(hidden.spk, 0);
      unstack(hidden.mem, 0).forEach((m, t) => {
        recorder.recordSpikes?.('hidden spikes', spk1[t]);
        recorder.record('hidden membrane', m);
      });
      for (const m of unstack(out.mem, 0)) recorder.record('output membrane', m, m.shape[1]);
    }
    return { spk: out.spk, mem: out.mem };
  }
}

/** Loss: the sum over steps of cross-entropy on the output membrane; prediction: most output spikes. */
export function snntorchFcNetwork(options: {
  readonly tau: number;
  readonly steps: number;
}): PresetNetwork<SnnTorchOutput> {
  const module = new SnnTorchFc(options, options.steps);
  return {
    module,
    inputLayout: 'flat',
    forward: (input, recorder) => module.forward(input, recorder),
    loss: (out, labels) =>
      unstack(out.mem, 0)
        .map((m) => crossEntropy(m, labels))
        .reduce((a, b) => add(a, b)),
    scores: (out) => sum(out.spk, 0),
  };
}

import {
  dispose,
  flatten,
  type LIFFeedForwardState,
  type LIState,
  mul,
  relu,
  stack,
  type Tensor,
  tidy,
  unstack,
} from '@snn/core';
import {
  Conv2d,
  LIFCell,
  LILinearCell,
  Linear,
  MaxPool2d,
  Module,
  maxLogSoftmax,
  nllLoss,
} from '@snn/modules';
import type { PresetNetwork } from './network.js';
import type { TraceRecorder } from './trace-recorder.js';

/**
 * Norse's tutorial ConvNet: Conv2d(1,20,5) -> LIF -> maxpool 2 -> 10*Conv2d(20,50,5) -> LIF ->
 * maxpool 2 -> Linear(800,500) -> LIF -> relu -> LILinearCell(500,10), SuperSpike alpha 80 (as the
 * tutorial's ConvNet). Each layer's state lives only in its own cell, so the layers could run one
 * after another over the sequence, but a [T*B, 20, 24, 24] activation at T 48 and batch 256 would take
 * over half a gigabyte: the conv layers run step by step instead.
 */
export class NorseConvNet extends Module {
  readonly conv1: Conv2d;
  readonly conv2: Conv2d;
  readonly fc1: Linear;
  readonly lif0: LIFCell;
  readonly lif1: LIFCell;
  readonly lif2: LIFCell;
  readonly out: LILinearCell;
  private readonly pool = new MaxPool2d(2, 2);

  constructor(options: { readonly tau: number }) {
    super();
    const p = { method: 'super' as const, alpha: 80, tauMemInv: 1 / (options.tau * 0.001) };
    this.conv1 = this.registerModule('conv1', new Conv2d(1, 20, 5, { stride: 1 }));
    this.conv2 = this.registerModule('conv2', new Conv2d(20, 50, 5, { stride: 1 }));
    this.fc1 = this.registerModule('fc1', new Linear(4 * 4 * 50, 500));
    this.lif0 = this.registerModule('lif0', new LIFCell({ p }));
    this.lif1 = this.registerModule('lif1', new LIFCell({ p }));
    this.lif2 = this.registerModule('lif2', new LIFCell({ p }));
    this.out = this.registerModule('out', new LILinearCell(500, 10));
  }

  /** Spikes [T, B, 1, 28, 28] -> readout voltages [T, B, 10]. */
  forward(spikes: Tensor, recorder?: TraceRecorder): Tensor {
    let state: ConvState = { s0: null, s1: null, s2: null, so: null };
    const voltages: Tensor[] = [];
    for (const x of unstack(spikes, 0)) {
      // One scope per step, and the previous state freed once the step has used it: what backward
      // needs stays with the tape, everything else goes now, as PyTorch frees it when unreferenced
      // (at batch 256 a step's conv1 activations are 12 MB each; all T steps' would not fit).
      const prev = state;
      const next = tidy(() => {
        const [z0, s0] = this.lif0.forward(this.conv1.forward(x), prev.s0);
        const [z1, s1] = this.lif1.forward(mul(this.conv2.forward(this.pool.forward(z0)), 10), prev.s1);
        const [z2, s2] = this.lif2.forward(this.fc1.forward(flatten(this.pool.forward(z1), 1)), prev.s2);
        recorder?.recordSpikes?.('hidden spikes', z2);
        recorder?.record('hidden voltage', s2.v);
        recorder?.record('hidden current', s2.i);
        const [v, so] = this.out.forward(relu(z2), prev.so);
        recorder?.record('readout voltage', v, v.shape[1]);
        return { state: { s0, s1, s2, so }, v };
      });
      // (The readout's state.v is the voltage itself, kept in `voltages`.)
      for (const s of [prev.s0, prev.s1, prev.s2]) if (s) dispose([s.v, s.i]);
      state = next.state;
      voltages.push(next.v);
    }
    for (const s of [state.s0, state.s1, state.s2]) if (s) dispose([s.v, s.i]);
    return stack(voltages, 0);
  }
}

interface ConvState {
  s0: LIFFeedForwardState | null;
  s1: LIFFeedForwardState | null;
  s2: LIFFeedForwardState | null;
  so: LIState | null;
}

export function norseConvNetwork(options: { readonly tau: number }): PresetNetwork {
  const module = new NorseConvNet(options);
  return {
    module,
    inputLayout: 'image',
    forward: (input, recorder) => maxLogSoftmax(module.forward(input, recorder)),
    loss: (logP, labels) => nllLoss(logP, labels),
    scores: (logP) => logP,
  };
}

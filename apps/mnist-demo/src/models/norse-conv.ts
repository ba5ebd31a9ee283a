import { flatten, mul, relu, stack, type Tensor, unstack } from '@snn/core';
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
    let s0 = null;
    let s1 = null;
    let s2 = null;
    let so = null;
    const voltages: Tensor[] = [];
    for (const x of unstack(spikes, 0)) {
      let z: Tensor;
      [z, s0] = this.lif0.forward(this.conv1.forward(x), s0);
      z = this.pool.forward(z);
      [z, s1] = this.lif1.forward(mul(this.conv2.forward(z), 10), s1);
      z = this.pool.forward(z);
      [z, s2] = this.lif2.forward(this.fc1.forward(flatten(z, 1)), s2);
      recorder?.recordSpikes?.('hidden spikes', z);
      recorder?.record('hidden voltage', s2.v);
      recorder?.record('hidden current', s2.i);
      let v: Tensor;
      [v, so] = this.out.forward(relu(z), so);
      recorder?.record('readout voltage', v, v.shape[1]);
      voltages.push(v);
    }
    return stack(voltages, 0);
  }
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

import { add, liFeedForwardSequence, mul, randomNormal, type Tensor, unstack } from '@snn/core';
import { LICell, LIFRecurrentCell, Linear, Module, maxLogSoftmax, nllLoss } from '@snn/modules';
import type { PresetNetwork } from './network.js';
import type { TraceRecorder } from './trace-recorder.js';

export interface NorseRecurrentOptions {
  /** Membrane time constant in steps of dt = 1 ms (Norse default 10 ms: tauMemInv 100). */
  readonly tau: number;
  /**
   * norse-param-learning: tauMemInv and vTh become per-neuron parameters, initialised
   * 100 + 20*N(0,1) and 0.5 + 0.1*N(0,1) (with the tauMemInv mean set by `tau`).
   */
  readonly learnNeuronParameters: boolean;
  /** Seed of the per-neuron initial values (the weights take theirs from manualSeed's sequence). */
  readonly seed: number;
}

const HIDDEN = 100;

/**
 * Norse's MNIST tutorial SNN: LIFRecurrentCell(784, 100, alpha 100, vTh 0.5, no autapses) ->
 * Linear(100, 10, no bias) -> LICell, stepped over time; state-dict keys as Norse's
 * (`l1.input_weights`, `l1.recurrent_weights`, `fc_out.weight`).
 */
export class NorseRecurrentSNN extends Module {
  readonly l1: LIFRecurrentCell;
  readonly fc_out: Linear;
  readonly out: LICell;

  constructor(options: NorseRecurrentOptions) {
    super();
    const tauMemInv = 1 / (options.tau * 0.001);
    const learnable = options.learnNeuronParameters ? (['tauMemInv', 'vTh'] as const) : [];
    this.l1 = this.registerModule(
      'l1',
      new LIFRecurrentCell(784, HIDDEN, {
        p: { alpha: 100, vTh: 0.5, tauMemInv },
        autapses: false,
        learnable: [...learnable],
        learnableShape: [HIDDEN],
      }),
    );
    this.fc_out = this.registerModule('fc_out', new Linear(HIDDEN, 10, { bias: false }));
    this.out = this.registerModule('out', new LICell());
    if (options.learnNeuronParameters) {
      const params = new Map(this.l1.namedParameters());
      const spread = (mean: number, std: number, seed: number) =>
        add(mul(randomNormal([HIDDEN], { seed }), std), mean);
      params.get('tau_mem_inv')!.assign(spread(tauMemInv, 20, options.seed * 2 + 1));
      params.get('v_th')!.assign(spread(0.5, 0.1, options.seed * 2 + 2));
    }
  }

  /** Spikes [T, B, 784] -> readout voltages [T, B, 10]. */
  forward(spikes: Tensor, recorder?: TraceRecorder): Tensor {
    // The recurrent layer must run step by step, but its input projection does not depend on the
    // state: forwardSequence runs it once for all T steps. The readout (Linear, then the LICell's
    // leaky integrator) is feed-forward, so it runs after it on the whole sequence at once: one
    // product and one fused LI kernel (and one of each backward) instead of T of each, with the
    // values of Norse's per-step loop (the fused kernel computes each step's own operations).
    // Without a recorder only the spikes are needed: forwardSpikes, whose backward pass computes the
    // recurrent weight gradient as one product over all T steps (same spikes, float32-equal gradients).
    const hidden = recorder
      ? this.l1.forwardSequence(spikes, null, (next, _t, z) => {
          recorder.recordSpikes?.('hidden spikes', z);
          recorder.record('hidden voltage', next.v);
          recorder.record('hidden current', next.i);
        })[0]
      : this.l1.forwardSpikes(spikes);
    const currents = this.fc_out.forward(hidden);
    const { v: voltages } = liFeedForwardSequence(currents, null, this.out.p, this.out.dt);
    if (recorder) for (const v of unstack(voltages, 0)) recorder.record('readout voltage', v, v.shape[1]);
    return voltages;
  }
}

/** The network with Norse's decoder (max over time, log-softmax) and nll loss. */
export function norseRecurrentNetwork(options: NorseRecurrentOptions): PresetNetwork {
  const module = new NorseRecurrentSNN(options);
  return {
    module,
    inputLayout: 'flat',
    forward: (input, recorder) => maxLogSoftmax(module.forward(input, recorder)),
    loss: (logP, labels) => nllLoss(logP, labels),
    scores: (logP) => logP,
    neuronParameters: options.learnNeuronParameters
      ? () => {
          const params = new Map(module.l1.namedParameters());
          return { tauMemInv: params.get('tau_mem_inv')!.value, vTh: params.get('v_th')!.value };
        }
      : undefined,
  };
}

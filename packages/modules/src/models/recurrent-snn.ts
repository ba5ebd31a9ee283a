import {
  DEFAULT_DT,
  type LIFParameters,
  type LIFState,
  type LIState,
  reshape,
  stack,
  type Tensor,
  unstack,
} from '@snn/core';
import { LICell } from '../cells/li.js';
import { LIFRecurrentCell } from '../cells/lif.js';
import { Linear } from '../layers/linear.js';
import { Module } from '../module/module.js';

/** Options of {@link RecurrentSNN}. */
export interface RecurrentSNNOptions {
  /** Hidden-layer parameters; Norse's tutorial uses { alpha: 100, vTh: 0.5 }. */
  p?: Partial<LIFParameters>;
  /** Integration time step in seconds of both cells, default 1e-3. */
  dt?: number;
  /** Seed of the initial weights (the readout takes seed + 2); default: `manualSeed`'s sequence. */
  seed?: number;
}

/**
 * The `SNN` of Norse's MNIST tutorial, line by line: a `LIFRecurrentCell` (`l1`), a bias-free
 * `Linear` (`fc_out`) and an `LICell` readout (`out`), looped over time. Input [T, B, ...features]
 * (flattened per step), output the readout voltages [T, B, outputFeatures]. State-dict keys are the
 * tutorial's: `l1.input_weights`, `l1.recurrent_weights`, `fc_out.weight`.
 *
 * Norse tutorial: `SNN(input_features, hidden_features, output_features)`.
 *
 * @param inputFeatures - Features per time step (28 * 28 for MNIST).
 * @param hiddenFeatures - Recurrent LIF neurons.
 * @param outputFeatures - Readout neurons (classes).
 * @example
 * ```ts
 * const spikes = zeros([32, 8, 1, 28, 28]);
 * const snn = new RecurrentSNN(28 * 28, 100, 10, { dt: 1e-3, seed: 0 });
 * const voltages = snn.forward(spikes); // spikes [T, B, 1, 28, 28] -> voltages [T, B, 10]
 * ```
 */
export class RecurrentSNN extends Module<[Tensor], Tensor> {
  /** The hidden recurrent LIF layer, LIFRecurrentCell(inputFeatures, hiddenFeatures). */
  readonly l1: LIFRecurrentCell;
  /** The bias-free projection to the readout, weight [outputFeatures, hiddenFeatures]. */
  readonly fc_out: Linear;
  /** The leaky-integrator readout (Norse's LIParameters, same dt). */
  readonly out: LICell;

  constructor(
    /** Features per time step. */
    readonly inputFeatures: number,
    /** Recurrent LIF neurons. */
    readonly hiddenFeatures: number,
    /** Readout neurons. */
    readonly outputFeatures: number,
    { p = { alpha: 100, vTh: 0.5 }, dt = DEFAULT_DT, seed }: RecurrentSNNOptions = {},
  ) {
    super();
    this.l1 = this.registerModule('l1', new LIFRecurrentCell(inputFeatures, hiddenFeatures, { p, dt, seed }));
    this.fc_out = this.registerModule(
      'fc_out',
      new Linear(hiddenFeatures, outputFeatures, {
        bias: false,
        seed: seed === undefined ? undefined : seed + 2,
      }),
    );
    this.out = this.registerModule('out', new LICell({ dt }));
  }

  forward(x: Tensor): Tensor {
    let s1: LIFState | null = null;
    let so: LIState | null = null;
    const voltages: Tensor[] = [];
    for (const step of unstack(x, 0)) {
      let z = reshape(step, [-1, this.inputFeatures]);
      [z, s1] = this.l1.forward(z, s1);
      z = this.fc_out.forward(z);
      let vo: Tensor;
      [vo, so] = this.out.forward(z, so);
      voltages.push(vo);
    }
    return stack(voltages, 0);
  }
}

type Fn = (x: Tensor) => Tensor;

/**
 * Norse tutorial's `Model(encoder, snn, decoder)`: forward = decoder(snn(encoder(x))). The encoder and
 * decoder are functions or modules (only modules contribute parameters).
 *
 * @param encoder - Input to spikes [T, batch, ...]: a function or a module (then child `encoder`).
 * @param snn - The network between encoder and decoder (child `snn`).
 * @param decoder - The network's output over time to the prediction: a function or a module (then
 *   child `decoder`).
 * @example
 * ```ts
 * import { ConstantCurrentLIFEncoder } from '@snn/encoders';
 * import { EncoderSNNDecoder, maxLogSoftmax, RecurrentSNN } from '@snn/modules';
 * import { zeros } from '@snn/core';
 * // Norse's tutorial: model = Model(encoder=ConstantCurrentLIFEncoder(32), snn=SNN(784, 100, 10), decoder=decode)
 * const model = new EncoderSNNDecoder(new ConstantCurrentLIFEncoder(32), new RecurrentSNN(784, 100, 10), maxLogSoftmax);
 * const logProbs = model.forward(zeros([16, 784])); // pixels [batch, 784] -> [16, 10]
 * ```
 */
export class EncoderSNNDecoder extends Module<[Tensor], Tensor> {
  private readonly encode: Fn;
  private readonly decode: Fn;

  constructor(
    encoder: Fn | { forward: Fn },
    /** The network between encoder and decoder (registered as the submodule `snn`). */
    readonly snn: Module<[Tensor], Tensor>,
    decoder: Fn | { forward: Fn },
  ) {
    super();
    this.registerModule('snn', snn);
    for (const [name, m] of [
      ['encoder', encoder],
      ['decoder', decoder],
    ] as const) {
      if (m instanceof Module) this.registerModule(name, m);
    }
    this.encode = typeof encoder === 'function' ? encoder : (x) => encoder.forward(x);
    this.decode = typeof decoder === 'function' ? decoder : (x) => decoder.forward(x);
  }

  forward(x: Tensor): Tensor {
    return this.decode(this.snn.forward(this.encode(x)));
  }
}

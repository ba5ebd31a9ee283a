/**
 * The tutorial networks the app reproduces, with the hyperparameters their tutorials use.
 * Sources: Norse 1.0 `mnist_classifiers` (recurrent and ConvNet) and `parameter_learning` notebooks,
 * SpikingJelly 0.0.0.0.14 `lif_fc_mnist`, snnTorch 0.9 tutorial 5. `pnpm bench` hands these numbers
 * to the plain-PyTorch versions of the networks in `bench/pytorch` (repository root).
 */

export const PRESET_NAMES = [
  'norse-recurrent',
  'norse-conv',
  'norse-param-learning',
  'spikingjelly-lif-fc',
  'snntorch-fc',
] as const;
export type PresetName = (typeof PRESET_NAMES)[number];

/**
 * How pixels become network input.
 * - `constant-current`: Norse ConstantCurrentLIFEncoder (the pixel is a constant current into a LIF neuron).
 * - `poisson`: Norse PoissonEncoder, spike probability fMax*dt*x per step.
 * - `spike-latency`: Norse SpikeLatencyLIFEncoder (one spike per pixel, earlier for larger values).
 * - `rate`: SpikingJelly PoissonEncoder / snnTorch spikegen.rate, Bernoulli(p = x) drawn anew each step.
 * - `direct`: snnTorch tutorial 5, the same (unencoded) image at every step.
 */
export const ENCODER_NAMES = ['constant-current', 'poisson', 'spike-latency', 'rate', 'direct'] as const;
export type EncoderName = (typeof ENCODER_NAMES)[number];

/** How pixels are scaled before encoding: Norse normalises with the data set's mean/std (MNIST 0.1307/0.3081), the others use x/255. */
export type Normalization = 'standard' | 'unit';

export interface Preset {
  readonly name: PresetName;
  /** One line for `--help` and the README. */
  readonly network: string;
  readonly encoder: EncoderName;
  /** Which encoders make sense for this network (the first is the default). */
  readonly encoders: readonly EncoderName[];
  readonly normalization: Normalization;
  /** Time steps per sample. */
  readonly steps: number;
  readonly batchSize: number;
  readonly optimizer: 'adam' | 'sgd';
  readonly lr: number;
  /** The tutorial's epoch budget: the default of `--epochs` and what `bench:accuracy` runs. */
  readonly epochs: number;
  /** Poisson encoder maximum rate (Hz) when `--encoder poisson` is used. */
  readonly poissonFMax: number;
  /**
   * Membrane time constant of the spiking layers, in time steps (the meaning of `--tau`): Norse's
   * tau_mem = 1/tauMemInv = 10 ms at dt 1 ms, SpikingJelly's tau, snnTorch's beta = exp(-1/tau).
   */
  readonly tau: number;
  /** What the tutorial reports, for `bench:accuracy`'s table. */
  readonly reference: { readonly accuracy: number; readonly epochs: number; readonly text: string };
  /**
   * Memory backpropagation through time holds per sample and time step (measured on tfjs-wasm), for
   * the networks where a batch would not fit: training then runs each batch in parts whose
   * gradients are accumulated (see train/micro-batches.ts). Undefined: a batch always fits.
   */
  readonly bytesPerSampleStep?: number;
}

export const PRESETS: Readonly<Record<PresetName, Preset>> = {
  'norse-recurrent': {
    name: 'norse-recurrent',
    network:
      'ConstantCurrentLIFEncoder(32) -> LIFRecurrentCell(784,100, alpha 100, vTh 0.5) -> Linear(100,10, no bias) -> LICell; max-over-time log-softmax; nll',
    encoder: 'constant-current',
    encoders: ['constant-current', 'poisson', 'spike-latency'],
    normalization: 'standard',
    steps: 32,
    batchSize: 256,
    optimizer: 'adam',
    lr: 2e-3,
    epochs: 5,
    poissonFMax: 20,
    tau: 10,
    reference: { accuracy: 94.5, epochs: 5, text: 'Norse: 94.5% after 5 epochs, about 96.5% after 10' },
  },
  'norse-conv': {
    name: 'norse-conv',
    network:
      'ConstantCurrentLIFEncoder(48) -> Conv2d(1,20,5) -> LIF -> maxpool2 -> 10*Conv2d(20,50,5) -> LIF -> maxpool2 -> Linear(800,500) -> LIF -> relu -> LILinearCell(500,10); max-over-time log-softmax; nll',
    encoder: 'constant-current',
    encoders: ['constant-current', 'poisson', 'spike-latency'],
    normalization: 'standard',
    steps: 48,
    batchSize: 256,
    optimizer: 'adam',
    lr: 1e-3,
    // Norse's notebook runs EPOCHS = 5 for this network.
    epochs: 5,
    poissonFMax: 20,
    tau: 10,
    reference: { accuracy: 99, epochs: 5, text: 'Norse: above 99% after 5 epochs' },
    // 1.25 GiB of wasm heap for 32 samples x 48 steps (about 0.85 MB each): batch 256 needs about 10 GiB.
    bytesPerSampleStep: 900_000,
  },
  'norse-param-learning': {
    name: 'norse-param-learning',
    network:
      'norse-recurrent with per-neuron learnable tauMemInv (100 + 20*N(0,1)) and vTh (0.5 + 0.1*N(0,1))',
    encoder: 'constant-current',
    encoders: ['constant-current', 'poisson', 'spike-latency'],
    normalization: 'standard',
    steps: 32,
    batchSize: 256,
    optimizer: 'adam',
    lr: 2e-3,
    epochs: 10,
    poissonFMax: 20,
    tau: 10,
    reference: { accuracy: 95.94, epochs: 10, text: 'Norse: 95.94% after 10 epochs' },
  },
  'spikingjelly-lif-fc': {
    name: 'spikingjelly-lif-fc',
    network:
      'Flatten -> Linear(784,10, no bias) -> LIFNode(tau 2, atan); Poisson (rate) input; MSE(firing rate, one-hot)',
    encoder: 'rate',
    encoders: ['rate', 'poisson', 'constant-current', 'spike-latency'],
    normalization: 'unit',
    steps: 100,
    batchSize: 64,
    optimizer: 'adam',
    lr: 1e-3,
    epochs: 100,
    // fMax*dt = 1: Norse's Poisson then draws the same Bernoulli(p = x) as SpikingJelly's encoder.
    poissonFMax: 1000,
    tau: 2,
    reference: { accuracy: 92.9, epochs: 100, text: 'SpikingJelly: 92.9% best after 100 epochs' },
  },
  'snntorch-fc': {
    name: 'snntorch-fc',
    network:
      'Linear(784,1000) -> Leaky(0.95) -> Linear(1000,10) -> Leaky(0.95); direct input; sum over steps of cross-entropy on output membrane',
    encoder: 'direct',
    encoders: ['direct', 'rate', 'constant-current', 'poisson', 'spike-latency'],
    normalization: 'unit',
    steps: 25,
    batchSize: 128,
    optimizer: 'adam',
    lr: 5e-4,
    epochs: 1,
    poissonFMax: 1000,
    // beta 0.95 = exp(-1/tau)
    tau: -1 / Math.log(0.95),
    reference: { accuracy: 93.87, epochs: 1, text: 'snnTorch: 93.87% after 1 epoch' },
  },
};

export const DEFAULT_PRESET: PresetName = 'norse-recurrent';

export function isPresetName(name: string): name is PresetName {
  return (PRESET_NAMES as readonly string[]).includes(name);
}

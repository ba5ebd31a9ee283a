import { ConstantCurrentLIFEncoder, poissonEncode, rate, SpikeLatencyLIFEncoder } from '@snn/encoders';
import { Flatten, firingRate, MaxPool2d, type Module, maxLogSoftmax, spikeCount } from '@snn/modules';
import { type EncoderSpec, type ExportOptions, type Network, relu, scale } from '@snn/onnx';
import type { TrainConfig } from '../cli/train-config.js';
import type { PresetNetwork } from '../models/network.js';
import type { NorseConvNet } from '../models/norse-conv.js';
import type { NorseRecurrentSNN } from '../models/norse-recurrent.js';
import type { SnnTorchFc } from '../models/snntorch-fc.js';
import type { SpikingJellyLifFc } from '../models/spikingjelly-lif-fc.js';
import { PRESETS } from '../presets.js';
import { ONNX_META } from './onnx-meta.js';

export { ONNX_META } from './onnx-meta.js';

/** What a checkpoint's run says about its input: preset, encoder, time steps, pixel statistics. */
export interface RunSettings {
  readonly config: Pick<TrainConfig, 'preset' | 'encoder' | 'steps' | 'dataset'>;
  readonly pixelStats: { readonly mean: number; readonly std: number };
}

/**
 * The 256 floats data-mnist's DataLoader turns each pixel byte into (its normalisation table,
 * computed the same way), so the ONNX file takes raw MNIST bytes and sees the library's inputs.
 */
export function pixelTable(
  normalization: 'standard' | 'unit',
  stats: { mean: number; std: number },
): Float32Array {
  const table = new Float32Array(256);
  for (let v = 0; v < 256; v++)
    table[v] = normalization === 'unit' ? v / 255 : (v / 255 - stats.mean) / stats.std;
  return table;
}

/** relu() and scale(k) of the exporter the pieces go to (@snn/onnx's or @snn/nir's). */
export interface StepFunctions<F> {
  relu(): F;
  scale(k: number): F;
}

/**
 * Each preset's forward, one time step, as the list of its pieces in the order the forward applies
 * them (the network classes in ../models step exactly like this), for the ONNX and NIR exports.
 */
export function presetPieces<F>(
  network: PresetNetwork<unknown>,
  preset: TrainConfig['preset'],
  { relu, scale }: StepFunctions<F>,
): (Module | F | readonly [string, Module | F])[] {
  switch (preset) {
    case 'norse-recurrent':
    case 'norse-param-learning': {
      const m = network.module as NorseRecurrentSNN;
      return [m.l1, m.fc_out, m.out];
    }
    case 'norse-conv': {
      const m = network.module as NorseConvNet;
      return [
        m.conv1,
        m.lif0,
        ['pool0', new MaxPool2d(2, 2)],
        m.conv2,
        ['conv2_scale', scale(10)],
        m.lif1,
        ['pool1', new MaxPool2d(2, 2)],
        ['flatten', new Flatten()],
        m.fc1,
        m.lif2,
        relu(),
        m.out,
      ];
    }
    case 'spikingjelly-lif-fc': {
      const m = network.module as SpikingJellyLifFc;
      return [m.fc, m.lif];
    }
    case 'snntorch-fc': {
      const m = network.module as SnnTorchFc;
      return [m.fc1, m.lif1, m.fc2, m.lif2];
    }
  }
}

/** Each preset's decoder: class scores [B, 10] from the network's outputs [T, B, 10]. */
export const DECODERS = {
  'norse-recurrent': maxLogSoftmax,
  'norse-param-learning': maxLogSoftmax,
  'norse-conv': maxLogSoftmax,
  'spikingjelly-lif-fc': firingRate,
  'snntorch-fc': spikeCount,
} as const;

function encoderOf(run: RunSettings): EncoderSpec {
  const { encoder, steps, preset } = run.config;
  switch (encoder) {
    case 'constant-current':
      return new ConstantCurrentLIFEncoder(steps);
    case 'spike-latency':
      return new SpikeLatencyLIFEncoder(steps);
    case 'direct':
      return 'direct';
    case 'poisson':
      return { encode: poissonEncode, args: [steps, { fMax: PRESETS[preset].poissonFMax, dt: 0.001 }] };
    case 'rate':
      return { encode: rate, args: [steps] };
  }
}

/**
 * The export of a restored preset network: its per-step pieces, the run's encoder (stochastic ones
 * as a spike-train input), the preset's decoder, raw pixel bytes in (normalised in the graph as the
 * app's DataLoader does) and the run's settings as metadata.
 */
export function presetExport(
  network: PresetNetwork<unknown>,
  run: RunSettings,
  form: 'sequence' | 'step',
): { network: Network; options: ExportOptions } {
  const { preset, encoder, steps, dataset } = run.config;
  const normalization = PRESETS[preset].normalization;
  const spec = encoderOf(run);
  const stochastic = encoder === 'poisson' || encoder === 'rate';
  return {
    network: presetPieces(network, preset, { relu, scale }) as Network,
    options: {
      inputShape: network.inputLayout === 'flat' ? [784] : [1, 28, 28],
      encoder: spec,
      steps: spec === 'direct' ? steps : undefined,
      decoder: DECODERS[preset],
      form,
      stochastic: stochastic ? 'input' : 'refuse',
      pixelTable: stochastic ? undefined : pixelTable(normalization, run.pixelStats),
      metadata: {
        [ONNX_META.preset]: preset,
        [ONNX_META.encoder]: encoder,
        [ONNX_META.dataset]: dataset,
        [ONNX_META.normalization]: normalization,
        [ONNX_META.pixelStats]: JSON.stringify(run.pixelStats),
        [ONNX_META.steps]: String(steps),
      },
    },
  };
}

import { argMax, mul, randomUniform, spike, stack, sub, type Tensor } from '@snn/core';
import { manualSeed } from '@snn/modules';
import { fromNir, readNir, writeNir } from '@snn/nir';
import { buildNetwork } from '../models/build-network.js';
import { DECODERS } from '../onnx/preset-export.js';
import { PRESET_NAMES, PRESETS } from '../presets.js';
import { presetNir } from './preset-nir.js';

/*
 * The proof of `export-nir` for every preset: the network written as a NIR file, read back and run
 * by fromNir, gives the preset network's own class scores (hence its predictions) on the same input,
 * bit for bit. The NIR graph holds the network only: the encoded input goes in, the preset's
 * decoder is applied to what comes out.
 */

const T = 6;
const B = 3;

/**
 * Weight gains so that the output layers of a freshly initialised network fire within T steps, as a
 * trained network's do (otherwise every class would score the same and the test would prove little).
 */
const GAIN: Partial<Record<(typeof PRESET_NAMES)[number], number>> = {
  'norse-conv': 6,
  'spikingjelly-lif-fc': 10,
};

describe('export-nir: every preset exported and imported gives the same scores and predictions', () => {
  test.each(PRESET_NAMES)('%s', async (preset) => {
    manualSeed(2);
    const settings = PRESETS[preset];
    const network = buildNetwork({ preset, encoder: settings.encoder, steps: T, tau: settings.tau, seed: 2 });
    const gain = GAIN[preset] ?? 1;
    if (gain !== 1) {
      const dict = network.module.stateDict();
      for (const [k, v] of dict) if (k.endsWith('weight')) dict.set(k, mul(v, gain));
      network.module.loadStateDict(dict);
    }
    const run = {
      config: { preset, encoder: settings.encoder, steps: T, dataset: 'mnist' as const },
      pixelStats: { mean: 0.13, std: 0.31 },
    };
    const bytes = await writeNir(await presetNir(network, run));
    const { graph } = await readNir(bytes, `${preset}.nir`);
    const model = fromNir(graph); // dt from the file's snn.dt

    const sample = network.inputLayout === 'flat' ? [784] : [1, 28, 28];
    let library: Tensor;
    let nir: Tensor;
    if (settings.encoder === 'direct') {
      // the same image at every step: the network repeats it itself, the graph takes the sequence
      library = randomUniform([B, ...sample], { seed: 7, low: 0, high: 3 });
      nir = stack(new Array<Tensor>(T).fill(library), 0);
    } else {
      library = spike(sub(randomUniform([T, B, ...sample], { seed: 7 }), 0.6));
      nir = library;
    }
    const want = network.scores(network.forward(library));
    const got = DECODERS[preset](model.forward(nir));
    expect(got.shape).toEqual([B, 10]);
    // scores that differ between classes: the outputs carry information (spikes or membranes)
    expect(new Set(await want.data()).size).toBeGreaterThan(1);
    expect(Array.from(await got.data())).toEqual(Array.from(await want.data()));
    expect(Array.from(await argMax(got, -1).data())).toEqual(Array.from(await argMax(want, -1).data()));
  });
});

import { rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { manualSeed } from '@snn/modules';
import { writeNir } from '@snn/nir';
import { CheckpointError } from '../errors.js';
import { buildNetwork } from '../models/build-network.js';
import type { PresetNetwork } from '../models/network.js';
import { PRESET_NAMES, PRESETS, type PresetName } from '../presets.js';
import { tempDir } from '../test-utils/quick-run.js';
import { initFromNir } from './init-from-nir.js';
import { presetNir } from './preset-nir.js';

/*
 * `train --init-from model.nir` starts from the file's weights: for every preset, a network built
 * with one seed and written by export-nir's code, read into the same preset built with another seed,
 * gives that network the first one's state dict bit for bit (weights, and norse-param-learning's
 * per-neuron tau_mem_inv and v_th); the file of another preset, a missing file and a file that is not
 * NIR are CheckpointErrors (exit 4) naming the file and the difference.
 */

const T = 4;

function build(preset: PresetName, seed: number): PresetNetwork<unknown> {
  manualSeed(seed);
  const s = PRESETS[preset];
  return buildNetwork({ preset, encoder: s.encoder, steps: T, tau: s.tau, seed });
}

async function writeFileOf(preset: PresetName, seed: number, path: string): Promise<void> {
  const network = build(preset, seed);
  const run = {
    config: { preset, encoder: PRESETS[preset].encoder, steps: T, dataset: 'mnist' as const },
    pixelStats: { mean: 0.13, std: 0.31 },
  };
  await writeFile(path, await writeNir(await presetNir(network, run)));
}

async function stateOf(network: PresetNetwork<unknown>): Promise<Map<string, number[]>> {
  const out = new Map<string, number[]>();
  for (const [k, v] of network.module.stateDict()) out.set(k, Array.from(await v.data()));
  return out;
}

/** Norse's recurrent cell runs without autapses: the file holds the diagonal it steps with, 0. */
const diagonal = (key: string, values: number[]) => {
  if (!key.endsWith('recurrent_weights')) return () => false;
  const n = Math.round(Math.sqrt(values.length));
  return (i: number) => i % (n + 1) === 0;
};

describe('train --init-from: the network starts from the NIR file', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await tempDir('init-from');
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  test.each(PRESET_NAMES)('%s: every parameter becomes the exported network’s', async (preset) => {
    const file = join(dir, `${preset}.nir`);
    await writeFileOf(preset, 1, file);
    const want = await stateOf(build(preset, 1));
    const network = build(preset, 2);
    const before = await stateOf(network);
    const { loaded } = await initFromNir(network, preset, file);
    const got = await stateOf(network);
    expect(loaded).toBeGreaterThan(0);
    let changed = 0;
    for (const [key, values] of want) {
      const masked = diagonal(key, values);
      const keep = (a: number[]) => a.filter((_v, i) => !masked(i));
      expect([key, keep(got.get(key)!)]).toEqual([key, keep(values)]);
      if (keep(before.get(key)!).some((v, i) => v !== keep(values)[i])) changed++;
    }
    // the seeds give other values: the file's were loaded, not already there
    expect(changed).toBeGreaterThan(0);
  });

  test("another preset's file is refused with both networks' nodes and shapes", async () => {
    const file = join(dir, 'fc.nir');
    await writeFileOf('snntorch-fc', 1, file);
    const error = await initFromNir(build('norse-recurrent', 2), 'norse-recurrent', file).catch((e) => e);
    expect(error).toBeInstanceOf(CheckpointError);
    expect(error.message).toContain(`--init-from: ${file} does not fit --model norse-recurrent:`);
    expect(error.message).toMatch(
      /the file has 10 nodes, the network 7[\s\S]*the file: input: Input \[784\]; fc1: Affine weight \[1000, 784\] bias \[1000\]/,
    );
    expect(error.message).toMatch(/the network: input: Input \[784\]; l1_input: Linear weight \[100, 784\]/);
  });

  test('a missing file and a file that is not NIR are refused by name', async () => {
    const network = build('snntorch-fc', 2);
    await expect(initFromNir(network, 'snntorch-fc', join(dir, 'none.nir'))).rejects.toThrow(
      new CheckpointError(`NIR file ${join(dir, 'none.nir')} does not exist`),
    );
    const junk = join(dir, 'junk.nir');
    await writeFile(junk, 'not hdf5');
    const error = await initFromNir(network, 'snntorch-fc', junk).catch((e) => e);
    expect(error).toBeInstanceOf(CheckpointError);
    expect(error.message).toContain(junk);
  });
});

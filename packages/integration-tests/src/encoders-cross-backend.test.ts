import { createTfjsBackend } from '@snn/backend-tfjs';
import { registerBackend, setBackend, type Tensor, tensor, tidy } from '@snn/core';
import { GaussianPopulationEncoder, latency, poissonEncode, rate } from './index.js';

/*
 * The same seed gives the same spikes on every backend: each backend implements core's Philox
 * RandomUniform specification, and the encoders are plain ops over it. Checked here on the reference
 * backend and on tfjs's cpu and wasm backends.
 */

function encodeAll(): number[][] {
  return tidy(() => {
    const x = tensor([0, 0.05, 0.3, 0.5, 0.77, 0.95, 1, 1.4], [2, 4]);
    const run = (t: Tensor) => Array.from(t.dataSync());
    return [
      run(poissonEncode(x, 40, { fMax: 1000, seed: 123, offset: 5 })),
      run(rate(x, 40, { seed: 2 ** 40 + 7, gain: 0.9, offset: 0.05 })),
      run(new GaussianPopulationEncoder(10, 3, { fMax: 800, seed: 77 }).forward(x)),
      run(latency(x, 6, { tau: 2, clip: true })),
    ];
  });
}

describe('encoders give the same spikes on every backend', () => {
  let reference: number[][];
  beforeAll(() => {
    reference = encodeAll();
  });
  afterAll(async () => {
    await setBackend('reference');
  });

  it.each(['cpu', 'wasm'] as const)('tfjs-%s matches the reference backend', async (kind) => {
    registerBackend(`tfjs-${kind}-encoders`, () => createTfjsBackend({ tfBackend: kind }), -1);
    await setBackend(`tfjs-${kind}-encoders`);
    const got = encodeAll();
    got.forEach((spikes, k) => {
      expect(spikes).toEqual(reference[k]);
    });
    expect(reference[0].some((s) => s === 1)).toBe(true);
  });
});

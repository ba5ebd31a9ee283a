import { randomUniform, type Tensor } from '@snn/core';
import { Alpha, LIFCell, LIFExCell, LIFRefracCell, Linear, LSNNCell, Sequential } from '@snn/modules';
import { toNir } from './export/to-nir.js';
import { fromNir } from './import/nir-model.js';
import { readNir } from './io/read-nir.js';
import { f32, fill, type PyNode, pyNirFile } from './test-utils/h5py-like.js';

/*
 * The NIR primitives that no exported network of ours produces on their own (AvgPool2d, SumPool2d,
 * Scale, Threshold, Delay, I), each read from a file built like the Python package's and checked
 * against its definition computed by hand here; and toNir's refusals, by name and reason.
 */

const T = 5;
const B = 2;
const D = 1e-3;

async function run(nodes: Record<string, PyNode>, x: Tensor): Promise<number[]> {
  const names = Object.keys(nodes);
  const edges = names.slice(1).map((n, k) => [names[k], n] as [string, string]);
  const { graph } = await readNir(await pyNirFile(nodes, edges), 'primitives.nir');
  return Array.from(await fromNir(graph, { dt: D }).forward(x).data());
}

const shapeOf = (s: number[]) => ({ i64: s });

describe('NIR primitives run as NIR defines them', () => {
  // nir writes the Integrator as type "I"; a file naming it by NIR's table name "Integrator" reads the same.
  it.each(['I', 'Integrator'])(
    'Scale -> Integrator (type "%s"): v_t = v_{t-1} + dt r (s x_t)',
    async (type) => {
      const x = randomUniform([T, B, 3], { seed: 1 });
      const got = await run(
        {
          input: { type: 'Input', shape: shapeOf([3]) },
          scale: { type: 'Scale', scale: f32([2, -1, 0.5]) },
          integ: { type, r: f32(fill(3, 400)) },
          output: { type: 'Output', shape: shapeOf([3]) },
        },
        x,
      );
      const xs = Array.from(await x.data());
      const s = [2, -1, 0.5];
      const v = new Array(B * 3).fill(0);
      const want: number[] = [];
      for (let t = 0; t < T; t++)
        for (let k = 0; k < B * 3; k++) {
          v[k] += D * 400 * s[k % 3] * xs[t * B * 3 + k];
          want.push(v[k]);
        }
      for (let k = 0; k < want.length; k++) expect(got[k]).toBeCloseTo(want[k], 5);
    },
  );

  it('Delay of two steps -> Threshold: out_t = x_{t-2} > th (zeros before)', async () => {
    const x = randomUniform([T, B, 4], { seed: 2 });
    const got = await run(
      {
        input: { type: 'Input', shape: shapeOf([4]) },
        delay: { type: 'Delay', delay: f32(fill(4, 2 * D)) },
        th: { type: 'Threshold', threshold: f32([0.2, 0.4, 0.6, 0.8]) },
        output: { type: 'Output', shape: shapeOf([4]) },
      },
      x,
    );
    const xs = Array.from(await x.data());
    const th = [0.2, 0.4, 0.6, 0.8];
    const want = xs.map((_, i) => {
      const t = Math.floor(i / (B * 4));
      return t < 2 ? 0 : xs[i - 2 * B * 4] > th[i % 4] ? 1 : 0;
    });
    expect(got).toEqual(want);
    expect(want.some((v) => v === 1)).toBe(true);
  });

  it.each([
    ['SumPool2d', 1],
    ['AvgPool2d', 1 / 4],
  ] as const)('%s 2x2, stride 2, over [2, 4, 4]', async (type, factor) => {
    const x = randomUniform([T, B, 2, 4, 4], { seed: 3 });
    const got = await run(
      {
        input: { type: 'Input', shape: shapeOf([2, 4, 4]) },
        pool: { type, kernel_size: shapeOf([2, 2]), stride: shapeOf([2, 2]), padding: shapeOf([0, 0]) },
        output: { type: 'Output', shape: shapeOf([2, 2, 2]) },
      },
      x,
    );
    const xs = Array.from(await x.data());
    const want: number[] = [];
    for (let n = 0; n < T * B * 2; n++)
      for (let i = 0; i < 2; i++)
        for (let j = 0; j < 2; j++) {
          let sum = 0;
          for (let a = 0; a < 2; a++)
            for (let b = 0; b < 2; b++) sum += xs[n * 16 + (2 * i + a) * 4 + 2 * j + b];
          want.push(sum * factor);
        }
    expect(got.length).toBe(want.length);
    for (let k = 0; k < want.length; k++) expect(got[k]).toBeCloseTo(want[k], 5);
  });
});

describe('toNir refuses what NIR cannot express, by name and reason', () => {
  it.each([
    ['LSNNCell', () => new LSNNCell(), /adaptive threshold/],
    ['LIFExCell', () => new LIFExCell(), /exponential term/],
    ['LIFRefracCell', () => new LIFRefracCell(), /refractory counter/],
    ['Alpha', () => new Alpha(0.9, 0.8), /weighted sum of two synaptic currents/],
  ] as const)('%s', async (name, make, reason) => {
    const net = new Sequential(new Linear(3, 4), make());
    await expect(toNir(net, { dt: D, inputShape: [3] })).rejects.toThrow(new RegExp(`${name}`));
    await expect(toNir(net, { dt: D, inputShape: [3] })).rejects.toThrow(reason);
  });

  it('a subclass of a supported cell (it may step differently)', async () => {
    class MyLIF extends LIFCell {}
    await expect(
      toNir(new Sequential(new Linear(3, 4), new MyLIF()), { dt: D, inputShape: [3] }),
    ).rejects.toThrow(/MyLIF/);
  });
});

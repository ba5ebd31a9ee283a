import { randomUniform, spike, sub, type Tensor, tensor, unstack } from '@snn/core';
import {
  Conv2d,
  Flatten,
  IAFCell,
  IFNode,
  Lapicque,
  Leaky,
  LICell,
  LIF,
  LIFBoxCell,
  LIFCell,
  LIFNode,
  LILinearCell,
  Lift,
  Linear,
  MaxPool2d,
  type Module,
  manualSeed,
  RecurrentSNN,
  RLeaky,
  RSynaptic,
  resetNet,
  Sequential,
  Synaptic,
} from '@snn/modules';
import { toNir } from './export/to-nir.js';
import { fromNir } from './import/nir-model.js';
import { readNir } from './io/read-nir.js';
import { writeNir } from './io/write-nir.js';

const T = 12;
const B = 3;

/** Random inputs scaled so the neurons spike now and then. */
const inputs = (shape: number[], scale: number, seed = 5): Tensor =>
  randomUniform([T, B, ...shape], { seed, low: 0, high: scale });
const spikesIn = (shape: number[], seed = 6): Tensor =>
  spike(sub(randomUniform([T, B, ...shape], { seed }), 0.7));

async function roundTrip(net: Module, inputShape: number[], x: Tensor, dt = 1e-3) {
  const graph = await toNir(net, { dt, inputShape });
  const bytes = await writeNir(graph);
  const { graph: back } = await readNir(bytes, 'roundtrip.nir');
  const model = fromNir(back);
  resetNet(net);
  const want = (net as unknown as { forward(x: Tensor): Tensor }).forward(x);
  const got = model.forward(x);
  return { want: Array.from(await want.data()), got: Array.from(await got.data()), model, graph };
}

describe('export -> file -> import reproduces the network exactly', () => {
  beforeEach(() => manualSeed(3));

  it("Norse's recurrent tutorial network (LIFRecurrentCell, Linear, LICell)", async () => {
    const net = new RecurrentSNN(6, 8, 4, { p: { alpha: 100, vTh: 0.3 } });
    const r = await roundTrip(net, [6], inputs([6], 60));
    expect(r.got).toEqual(r.want);
    expect(r.model.kinds.l1).toMatch(/LIFRecurrentCell/);
    expect(r.model.kinds.out).toBe('LICell');
  });

  it('a conv net of Norse cells: Conv2d, LIFCell, MaxPool2d of spikes, Flatten, LIF, LILinearCell', async () => {
    const net = new Sequential(
      new Conv2d(1, 3, 3),
      new LIFCell({ p: { tauMemInv: 200 } }),
      new MaxPool2d(2),
      new Lift(new Flatten()), // per step: Flatten() merges [C, H, W] of each sample
      new Linear(12, 5),
      new LIFCell({ p: { vTh: 0.2 } }),
      new LILinearCell(5, 2),
    );
    const r = await roundTrip(net, [1, 6, 6], inputs([1, 6, 6], 20));
    expect(r.got).toEqual(r.want);
    expect(r.model.kinds['1']).toMatch(/LIFCell/);
    expect(r.model.kinds['2']).toMatch(/MaxPool2d/);
    expect(r.want.some((v) => v !== 0)).toBe(true);
  });

  it.each([
    ['subtract', 'Leaky (reset subtract'],
    ['zero', 'Leaky (reset zero)'],
    ['none', 'Threshold'],
  ] as const)("snnTorch's Leaky, reset %s", async (reset, kind) => {
    const net = new Sequential(new Linear(5, 4), new Leaky(0.9, { resetMechanism: reset, threshold: 0.5 }));
    const r = await roundTrip(net, [5], inputs([5], 1));
    expect(r.got).toEqual(r.want);
    expect(r.want.filter((v) => v === 1).length).toBeGreaterThan(3);
    expect(r.model.kinds['1']).toMatch(kind);
  });

  it.each([
    ['Synaptic', () => new Synaptic(0.7, 0.85, { threshold: 0.7 })],
    ['RLeaky', () => new RLeaky(0.8, { linearFeatures: 4, threshold: 0.6 })],
    ['RSynaptic one-to-one', () => new RSynaptic(0.6, 0.9, { allToAll: false, V: 0.5 })],
  ] as const)("snnTorch's %s (subtract reset)", async (_name, make) => {
    const net = new Sequential(new Linear(5, 4), make());
    const r = await roundTrip(net, [5], inputs([5], 1.5));
    const diff = r.want.map((v, k) => Math.abs(v - r.got[k]));
    expect(Math.max(...diff)).toBe(0);
    expect(r.want.filter((v) => v === 1).length).toBeGreaterThan(3);
  });

  it("Norse's LIF layer (a whole sequence) converts as LIFCell", async () => {
    const lif = new LIF({ p: { vTh: 0.3 } });
    const x = inputs([4], 40);
    const model = fromNir(await toNir(lif, { dt: 1e-3, inputShape: [4] }));
    expect(Array.from(await model.forward(x).data())).toEqual(Array.from(await lif.forward(x)[0].data()));
  });

  it("snnTorch's Lapicque: the same membrane (in NIR's Euler op order, not snnTorch's: no bitwise promise)", async () => {
    const lap = new Lapicque({ R: 2, C: 0.5, timeStep: 0.25, resetMechanism: 'none' });
    const x = inputs([4], 1.5);
    const model = fromNir(await toNir(lap, { dt: 1e-3, inputShape: [4] }));
    const { records } = model.run({ input: x }, { record: ['lapicque_membrane'] });
    const got = Array.from(await records.lapicque_membrane.data());
    let m: Tensor | null = null;
    const trace: number[] = [];
    for (const xt of unstack(x, 0)) {
      const [, next] = lap.forward(xt, m);
      m = next;
      trace.push(...(await next.data()));
    }
    expect(got.length).toBe(T * B * 4);
    for (let k = 0; k < trace.length; k++) expect(got[k]).toBeCloseTo(trace[k], 5);
  });

  it("SpikingJelly's LIFNode and IFNode (fires on >=: the threshold written just below, same spikes)", async () => {
    const net = new Sequential(
      new Linear(4, 5, { bias: false }),
      new LIFNode({ tau: 2 }),
      new Linear(5, 3),
      new IFNode(),
    );
    const x = tensor(
      Array.from({ length: T * B * 4 }, (_, k) => (k % 3 === 0 ? 1 : 0.5)),
      [T, B, 4],
    );
    const r = await roundTrip(net, [4], x);
    expect(r.got).toEqual(r.want);
  });

  it("Norse's LIFBoxCell and IAFCell, per-neuron learnable parameters", async () => {
    const net = new Sequential(
      new Linear(4, 6),
      new LIFBoxCell({
        learnable: ['tauMemInv', 'vTh'],
        learnableShape: [6],
        p: { tauMemInv: 150, vTh: 0.1 },
      }),
      new Linear(6, 3),
      new IAFCell({ p: { vTh: 0.8 } }),
      new LICell(),
    );
    const r = await roundTrip(net, [4], spikesIn([4]));
    expect(r.got).toEqual(r.want);
  });
});

import { tensor } from '@snn/core';
import { LIFNode } from '../cells/lif-node.js';
import { Conv2d } from '../layers/conv2d.js';
import { Flatten } from '../layers/flatten.js';
import { Linear } from '../layers/linear.js';
import { Sequential } from '../layers/sequential.js';
import { Lift, resetNet, unroll } from './unroll.js';

describe('Lift / unroll / resetNet', () => {
  it("Lift applies a module to every step and keeps Norse's key prefix lifted_module", () => {
    const lin = new Linear(2, 1, { bias: false, seed: 0 });
    lin.loadStateDict({ weight: tensor([1, -1], [1, 2]) });
    const lifted = new Lift(lin);
    expect([...lifted.stateDict().keys()]).toEqual(['lifted_module.weight']);
    const y = lifted.forward(tensor([1, 2, 5, 3, 0, 1], [3, 1, 2]));
    expect(y.shape).toEqual([3, 1, 1]);
    expect(Array.from(y.dataSync())).toEqual([-1, 2, -1]);
  });

  it('unroll rejects an empty sequence', () => {
    expect(() => unroll(new Lift(new Linear(1, 1, { seed: 0 })) as never, tensor([], [0, 1]))).toThrow(
      /T >= 1/,
    );
  });

  it('a SpikingJelly-style multi-step ConvNet runs [T, B, C, H, W] and resetNet clears every node', () => {
    const net = new Sequential(
      new Conv2d(1, 2, 3, { padding: 1, seed: 1 }),
      new LIFNode(),
      new Flatten(2),
      new Linear(2 * 4 * 4, 3, { seed: 2 }),
      new LIFNode(),
    );
    const x = tensor(
      Array.from({ length: 4 * 2 * 16 }, (_, k) => (k % 3) * 1.5),
      [4, 2, 1, 4, 4],
    );
    const out = net.forward(x);
    expect(out.shape).toEqual([4, 2, 3]);
    const nodes = net.modules().filter((m): m is LIFNode => m instanceof LIFNode);
    expect(nodes.every((n) => n.lastV !== null)).toBe(true);
    resetNet(net);
    expect(nodes.every((n) => n.lastV === null)).toBe(true);
  });
});

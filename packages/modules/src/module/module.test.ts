import { matMul, memory, ShapeError, type Tensor, tensor, tidy } from '@snn/core';
import { StateDictError } from '../errors.js';
import { Linear } from '../layers/linear.js';
import { Sequential } from '../layers/sequential.js';
import { Module } from './module.js';

class Inner extends Module {
  readonly fc_out = this.registerModule('fc_out', new Linear(3, 2, { bias: false, seed: 1 }));
  readonly input_weights = this.registerParameter('input_weights', tensor([1, 2, 3, 4, 5, 6], [3, 2]));
  readonly mask = this.registerBuffer('mask', tensor([1, 0], [2]));
  forward(x: Tensor): Tensor {
    return this.fc_out.forward(matMul(x, this.input_weights.value, false, true));
  }
}

class Outer extends Module {
  readonly snn = this.registerModule('snn', new Inner());
  readonly bias = this.registerParameter('bias', tensor([0.5], [1]));
  forward(x: Tensor): Tensor {
    return this.snn.forward(x);
  }
}

describe('Module', () => {
  it('names parameters and buffers with PyTorch dotted keys, own first then children', () => {
    const m = new Outer();
    expect([...m.stateDict().keys()]).toEqual(['bias', 'snn.input_weights', 'snn.mask', 'snn.fc_out.weight']);
    expect(m.namedParameters().map(([k]) => k)).toEqual(['bias', 'snn.input_weights', 'snn.fc_out.weight']);
    expect(m.parameters()).toHaveLength(3);
    expect(m.namedModules().map(([k]) => k)).toEqual(['', 'snn', 'snn.fc_out']);
    expect(m.snn.fc_out.path).toBe('snn.fc_out');
    m.dispose();
  });

  it('train()/eval() switch the whole tree', () => {
    const m = new Outer();
    m.eval();
    expect(m.modules().every((x) => !x.training)).toBe(true);
    m.train();
    expect(m.snn.fc_out.training).toBe(true);
    m.dispose();
  });

  it('loadStateDict copies values, reports every key and shape problem, and leaves the caller owning inputs', () => {
    const m = new Outer();
    const w = tensor([1, 2, 3, 4, 5, 6], [2, 3]);
    m.loadStateDict({
      bias: tensor([2], [1]),
      'snn.input_weights': tensor([0, 0, 0, 0, 0, 0], [3, 2]),
      'snn.mask': { shape: [2], data: new Float32Array([0, 1]) },
      'snn.fc_out.weight': w,
    });
    w.dispose();
    expect(Array.from(m.snn.fc_out.weight.value.dataSync())).toEqual([1, 2, 3, 4, 5, 6]);
    expect(Array.from(m.snn.mask.value.dataSync())).toEqual([0, 1]);
    let err: unknown;
    try {
      m.loadStateDict({ bias: tensor([1, 2], [2]), extra: tensor([1], [1]) });
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(StateDictError);
    const msg = (err as Error).message;
    expect(msg).toMatch(/"bias": expected shape \[1\], got \[2\]/);
    expect(msg).toMatch(/missing keys: snn.input_weights, snn.mask, snn.fc_out.weight/);
    expect(msg).toMatch(/unexpected keys: extra/);
    expect(m.loadStateDict({ bias: tensor([3], [1]) }, { strict: false }).missingKeys).toHaveLength(3);
    expect(m.bias.value.dataSync()[0]).toBe(3);
    m.dispose();
  });

  it('shape errors name the innermost module path, its class and its input shapes', () => {
    const m = new Outer();
    let err: unknown;
    try {
      m.forward(tensor(new Float32Array(8), [2, 4]));
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(ShapeError);
    // the MatMul inside snn fails: [2, 4] x [3, 2]^T
    expect((err as Error).message).toMatch(/^in snn \(Inner\) called with \(\[2, 4\]\): .*MatMul|matMul/);
    expect((err as Error).message).toMatch(/\[2, 4\]/);
    const seq = new Sequential(new Linear(4, 3, { seed: 0 }), new Linear(5, 2, { seed: 0 }));
    expect(() => seq.forward(tensor(new Float32Array(8), [2, 4]))).toThrow(
      /^in 1 \(Linear\) called with \(\[2, 3\]\): Linear\(5, 2\) expects \[\.\.\., 5\], got \[2, 3\]/,
    );
    m.dispose();
    seq.dispose();
  });

  it('a module has one parent and names without dots', () => {
    const l = new Linear(2, 2, { seed: 0 });
    new Sequential(l);
    expect(() => new Sequential(l)).toThrow(/already registered as "0"/);
    class Bad extends Module {
      constructor() {
        super();
        this.registerParameter('a.b', tensor([1]));
      }
      forward() {
        return null;
      }
    }
    expect(() => new Bad()).toThrow(StateDictError);
  });

  it('dispose frees every parameter', () => {
    const before = memory().numTensors;
    const m = tidy(() => new Outer());
    expect(memory().numTensors).toBe(before + 4);
    m.dispose();
    expect(memory().numTensors).toBe(before);
  });
});

describe('parameter tensor names', () => {
  it('follow the dotted key from the root and survive assignment', () => {
    const m = new Outer();
    expect(m.snn.fc_out.weight.value.name).toBe('snn.fc_out.weight');
    expect(m.bias.name).toBe('bias');
    m.loadStateDict({ 'snn.fc_out.weight': tensor([1, 2, 3, 4, 5, 6], [2, 3]) }, { strict: false });
    expect(m.snn.fc_out.weight.value.name).toBe('snn.fc_out.weight');
    m.dispose();
  });
});

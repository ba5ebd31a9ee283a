import { matMul, memory, ShapeError, type Tensor, tensor, tidy } from '@snn/core';
import { StateDictError } from '../errors.js';
import { Linear } from '../layers/linear.js';
import { Sequential } from '../layers/sequential.js';
import { Module } from './module.js';
import { Parameter } from './parameter.js';

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

describe('children and parameters registered by property assignment', () => {
  class Block extends Module<[Tensor], Tensor> {
    fc = new Linear(3, 3, { seed: 2 });
    forward(x: Tensor): Tensor {
      return this.fc.forward(x);
    }
  }

  class Net extends Module<[Tensor], Tensor> {
    fc1 = new Linear(3, 4, { seed: 1 });
    gain = new Parameter(tensor([2], [1]));
    block: Block;
    #calls = 0;
    fc2: Linear;
    constructor() {
      super();
      this.block = new Block();
      this.fc2 = new Linear(4, 3, { seed: 3, bias: false });
    }
    forward(x: Tensor): Tensor {
      this.#calls += 1;
      return this.block.forward(this.fc2.forward(this.fc1.forward(x)));
    }
    get calls(): number {
      return this.#calls;
    }
  }

  it('registers fields and constructor assignments under their names, in assignment order', () => {
    const net = new Net();
    expect([...net.stateDict().keys()]).toEqual([
      'gain',
      'fc1.weight',
      'fc1.bias',
      'block.fc.weight',
      'block.fc.bias',
      'fc2.weight',
    ]);
    expect(net.namedModules().map(([k]) => k)).toEqual(['', 'fc1', 'block', 'block.fc', 'fc2']);
    expect(net.block.fc.path).toBe('block.fc');
    expect(net.block.fc.weight.value.name).toBe('block.fc.weight');
    expect(net.gain.name).toBe('gain');
    // forward runs on the module (class private fields work) and returns the declared type.
    const y: Tensor = net.forward(tensor(new Float32Array(6), [2, 3]));
    expect(y.shape).toEqual([2, 3]);
    expect(net.calls).toBe(1);
    net.dispose();
  });

  it('keeps registerModule keys: a property holding a module registered under another key adds nothing', () => {
    class Keyed extends Module<[Tensor], Tensor> {
      readonly layer: Linear;
      constructor() {
        super();
        this.layer = this.registerModule('0', new Linear(2, 2, { seed: 4 }));
      }
      forward(x: Tensor): Tensor {
        return this.layer.forward(x);
      }
    }
    const m = new Keyed();
    expect([...m.stateDict().keys()]).toEqual(['0.weight', '0.bias']);
    // Outer and Inner above assign registerModule's result to a property of the same name.
    expect([...new Outer().stateDict().keys()]).toEqual([
      'bias',
      'snn.input_weights',
      'snn.mask',
      'snn.fc_out.weight',
    ]);
  });

  it('replaces a child on reassignment, ignores references back up the tree and refuses a second parent', () => {
    class Holder extends Module<[Tensor], Tensor> {
      head: Module<[Tensor], Tensor> = new Linear(2, 2, { seed: 5 });
      owner: Module | null = null;
      forward(x: Tensor): Tensor {
        return this.head.forward(x);
      }
    }
    const h = new Holder();
    const first = h.head;
    h.head = new Linear(2, 1, { seed: 6 });
    expect(h.namedChildren().map(([k, c]) => [k, c === h.head])).toEqual([['head', true]]);
    expect(first.path).toBe('');
    const outer = new Holder();
    outer.head = h;
    h.owner = outer; // a back-reference: not a child of h
    expect(h.namedChildren().map(([k]) => k)).toEqual(['head']);
    expect(outer.namedModules().map(([k]) => k)).toEqual(['', 'head', 'head.head']);
    const other = new Holder();
    expect(() => {
      other.head = h.head;
    }).toThrow(/already registered as "head.head"; a module has one parent/);
  });
});

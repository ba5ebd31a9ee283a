import { memory, mul, square, sub, sum, type Tensor, tensor } from '@snn/core';
import { expectClose } from '@snn/core/testing';
import { Module } from '../module/module.js';
import type { Parameter } from '../module/parameter.js';
import { Adam } from './adam.js';
import { clipGradNorm, computeGradients } from './gradients.js';
import { CosineAnnealingLR, StepLR } from './lr-scheduler.js';
import { SGD } from './sgd.js';

const A = [0.5, 2, 1, 3];
const C = [1, -2, 0.5, 4];
const W0 = [0.1, 0.2, -0.3, 0.4];

class Quad extends Module {
  readonly w: Parameter = this.registerParameter('w', tensor(W0, [4]));
  forward(): Tensor {
    return sum(mul(square(sub(this.w.value, tensor(C, [4]))), tensor(A, [4])));
  }
}
const gradOf = (w: number[]) => w.map((v, i) => 2 * A[i] * (v - C[i]));

/** torch.optim.Adam's update written out in float64. */
function adamRef(steps: number, lr: number, b1: number, b2: number, eps: number, wd: number): number[] {
  const w = [...W0];
  const m = [0, 0, 0, 0];
  const v = [0, 0, 0, 0];
  for (let t = 1; t <= steps; t++) {
    const g = gradOf(w).map((gi, i) => gi + wd * w[i]);
    for (let i = 0; i < 4; i++) {
      m[i] = b1 * m[i] + (1 - b1) * g[i];
      v[i] = b2 * v[i] + (1 - b2) * g[i] * g[i];
      const denom = Math.sqrt(v[i]) / Math.sqrt(1 - b2 ** t) + eps;
      w[i] -= (lr / (1 - b1 ** t)) * (m[i] / denom);
    }
  }
  return w;
}

/** torch.optim.SGD's update written out in float64. */
function sgdRef(
  steps: number,
  lr: number,
  mom: number,
  damp: number,
  nesterov: boolean,
  wd: number,
): number[] {
  const w = [...W0];
  let buf: number[] | null = null;
  for (let t = 0; t < steps; t++) {
    let g = gradOf(w).map((gi, i) => gi + wd * w[i]);
    if (mom !== 0) {
      buf = buf === null ? [...g] : buf.map((b, i) => mom * b + (1 - damp) * g[i]);
      g = nesterov ? g.map((gi, i) => gi + mom * buf![i]) : buf;
    }
    for (let i = 0; i < 4; i++) w[i] -= lr * g[i];
  }
  return w;
}

function train(model: Quad, step: () => void, steps: number): void {
  for (let i = 0; i < steps; i++) {
    computeGradients(() => model.forward(), model.parameters()).dispose();
    step();
  }
}

describe('optimizers', () => {
  it('Adam with PyTorch defaults matches torch.optim.Adam over 25 steps', () => {
    const model = new Quad();
    const opt = new Adam(model.parameters());
    expect([opt.lr, opt.beta1, opt.beta2, opt.eps, opt.weightDecay]).toEqual([1e-3, 0.9, 0.999, 1e-8, 0]);
    train(model, () => opt.step(), 25);
    expectClose(
      Array.from(model.w.value.dataSync()),
      adamRef(25, 1e-3, 0.9, 0.999, 1e-8, 0),
      'model.w.value',
      1e-5,
    );
  });

  it('Adam with weight decay and a large lr', () => {
    const model = new Quad();
    const opt = new Adam(model.parameters(), { lr: 0.1, betas: [0.8, 0.99], weightDecay: 0.05 });
    train(model, () => opt.step(), 10);
    expectClose(
      Array.from(model.w.value.dataSync()),
      adamRef(10, 0.1, 0.8, 0.99, 1e-8, 0.05),
      'model.w.value',
      1e-5,
    );
  });

  it.each([
    [0, 0, false, 0],
    [0.9, 0, false, 0],
    [0.9, 0.1, false, 0.01],
    [0.9, 0, true, 0.01],
  ])(
    'SGD momentum %p dampening %p nesterov %p weightDecay %p matches torch.optim.SGD',
    (mom, damp, nest, wd) => {
      const model = new Quad();
      const opt = new SGD(model.parameters(), {
        lr: 0.05,
        momentum: mom,
        dampening: damp,
        nesterov: nest,
        weightDecay: wd,
      });
      train(model, () => opt.step(), 8);
      expectClose(
        Array.from(model.w.value.dataSync()),
        sgdRef(8, 0.05, mom, damp, nest, wd),
        'model.w.value',
        1e-5,
      );
    },
  );

  it('rejects Nesterov without momentum, as PyTorch does', () => {
    expect(() => new SGD(new Quad().parameters(), { lr: 1, nesterov: true })).toThrow(/Nesterov/);
  });

  it('rejects infinite or NaN hyperparameters (they could only make the weights non-finite)', () => {
    const params = () => new Quad().parameters();
    for (const bad of [Number.POSITIVE_INFINITY, Number.NaN, -1]) {
      expect(() => new Adam(params(), { lr: bad })).toThrow(
        `Adam: lr must be a finite number >= 0, got ${bad}`,
      );
      expect(() => new SGD(params(), { lr: bad })).toThrow(
        `SGD: lr must be a finite number >= 0, got ${bad}`,
      );
      expect(() => new Adam(params(), { eps: bad })).toThrow('Adam: eps must be a finite number >= 0');
      expect(() => new Adam(params(), { weightDecay: bad })).toThrow('Adam: weightDecay must be a finite');
      expect(() => new SGD(params(), { lr: 1, momentum: bad })).toThrow('SGD: momentum must be a finite');
      expect(() => new SGD(params(), { lr: 1, dampening: bad })).toThrow('SGD: dampening must be a finite');
      expect(() => new SGD(params(), { lr: 1, weightDecay: bad })).toThrow(
        'SGD: weightDecay must be a finite',
      );
    }
    expect(() => new Adam(params(), { lr: 1e30 })).not.toThrow(); // large but finite: fit's checks catch it
  });

  it('a step guarded by a device scalar applies the update at 1 and changes nothing at 0', () => {
    for (const make of [
      (q: Quad) => new Adam(q.parameters(), { lr: 0.05 }),
      (q: Quad) => new SGD(q.parameters(), { lr: 0.05, momentum: 0.9 }),
    ]) {
      const plain = new Quad();
      const guarded = new Quad();
      const [optPlain, optGuarded] = [make(plain), make(guarded)];
      const [on, off] = [tensor(1), tensor(0)];
      for (let k = 0; k < 3; k++) {
        computeGradients(() => plain.forward(), plain.parameters()).dispose();
        optPlain.step();
        computeGradients(() => guarded.forward(), guarded.parameters()).dispose();
        optGuarded.step(on);
      }
      expect(Array.from(guarded.w.value.dataSync())).toEqual(Array.from(plain.w.value.dataSync()));
      const before = optGuarded.stateDict();
      const saved = new Map([...before.tensors].map(([k, t]) => [k, Array.from(t.dataSync())]));
      const w = Array.from(guarded.w.value.dataSync());
      // NaN gradients: the update they would make is dropped on the device, state included.
      computeGradients(() => mul(guarded.forward(), Number.NaN), guarded.parameters()).dispose();
      const tensorsBefore = memory().numTensors;
      optGuarded.step(off);
      expect(memory().numTensors).toBe(tensorsBefore);
      expect(Array.from(guarded.w.value.dataSync())).toEqual(w);
      for (const [k, t] of optGuarded.stateDict().tensors)
        expect(Array.from(t.dataSync())).toEqual(saved.get(k));
      for (const opt of [optPlain, optGuarded]) opt.dispose();
      for (const q of [plain, guarded]) q.dispose();
      on.dispose();
      off.dispose();
    }
  });

  it('state round-trips through stateDict/loadStateDict and continues identically', () => {
    const a = new Quad();
    const optA = new Adam(a.parameters(), { lr: 0.05 });
    train(a, () => optA.step(), 3);
    const b = new Quad();
    b.loadStateDict(a.stateDict());
    const optB = new Adam(b.parameters(), { lr: 0.05 });
    const saved = optA.stateDict();
    expect([...saved.tensors.keys()]).toEqual(['state.0.exp_avg', 'state.0.exp_avg_sq']);
    expect(saved.meta.steps).toEqual([3]);
    optB.loadStateDict({
      tensors: new Map([...saved.tensors].map(([k, t]) => [k, t.clone()])),
      meta: saved.meta,
    });
    train(a, () => optA.step(), 2);
    train(b, () => optB.step(), 2);
    expect(Array.from(b.w.value.dataSync())).toEqual(Array.from(a.w.value.dataSync()));
  });

  it('does not leak tensors across steps', () => {
    const model = new Quad();
    const opt = new Adam(model.parameters());
    train(model, () => opt.step(), 2);
    const before = memory().numTensors;
    train(model, () => opt.step(), 5);
    opt.zeroGrad();
    expect(memory().numTensors).toBe(before - 1);
  });
});

describe('clipGradNorm', () => {
  it('scales gradients to the max norm when above it and leaves them when below', () => {
    const model = new Quad();
    computeGradients(() => model.forward(), model.parameters()).dispose();
    const g = gradOf(W0);
    const norm = Math.sqrt(g.reduce((s, v) => s + v * v, 0));
    const total = clipGradNorm(model.parameters(), 1);
    expectClose([total.dataSync()[0]], [norm], 'total norm', 1e-6);
    expectClose(
      Array.from(model.w.grad!.dataSync()),
      g.map((v) => v / (norm + 1e-6)),
      'clipped grad',
      1e-6,
    );
    clipGradNorm(model.parameters(), 100);
    expectClose(
      Array.from(model.w.grad!.dataSync()),
      g.map((v) => v / (norm + 1e-6)),
      'clipped grad',
      1e-6,
    );
  });
});

describe('learning-rate schedulers', () => {
  it('StepLR multiplies by gamma every stepSize epochs', () => {
    const opt = new SGD(new Quad().parameters(), { lr: 1 });
    const s = new StepLR(opt, 2, 0.5);
    const lrs = [opt.lr];
    for (let i = 0; i < 5; i++) {
      s.step();
      lrs.push(opt.lr);
    }
    expect(lrs).toEqual([1, 1, 0.5, 0.5, 0.25, 0.25]);
  });

  it('CosineAnnealingLR follows the cosine from base lr to etaMin over tMax epochs', () => {
    const opt = new SGD(new Quad().parameters(), { lr: 0.1 });
    const s = new CosineAnnealingLR(opt, 4, 0.01);
    const lrs: number[] = [];
    for (let i = 0; i < 4; i++) {
      s.step();
      lrs.push(opt.lr);
    }
    const want = [1, 2, 3, 4].map((e) => 0.01 + (0.09 * (1 + Math.cos((Math.PI * e) / 4))) / 2);
    expectClose(lrs, want, 'lrs', 1e-12, 0);
    expect(lrs[3]).toBeCloseTo(0.01, 12);
    const s2 = new CosineAnnealingLR(new SGD(new Quad().parameters(), { lr: 0.1 }), 4, 0.01);
    s2.loadStateDict(s.stateDict());
    expect(s2.lr).toBe(opt.lr);
  });
});

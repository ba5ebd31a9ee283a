import { ShapeError, tensor } from '@snn/core';
import { expectClose } from '@snn/core/testing';
import { manualSeed } from '../random/seed.js';
import { Conv2d } from './conv2d.js';
import { Dropout } from './dropout.js';
import { Flatten } from './flatten.js';
import { Linear } from './linear.js';
import { MaxPool2d } from './max-pool2d.js';
import { Sequential } from './sequential.js';

const values = (t: { dataSync(): ArrayLike<number> }) => Array.from(t.dataSync());

describe('Linear', () => {
  it('initialises weight and bias in U(-1/sqrt(in), 1/sqrt(in)), reproducibly from a seed', () => {
    const l = new Linear(16, 50, { seed: 7 });
    const w = values(l.weight.value);
    const b = values(l.bias!.value);
    const bound = 1 / 4;
    expect(w.every((v) => v >= -bound && v <= bound)).toBe(true);
    expect(b.every((v) => v >= -bound && v <= bound)).toBe(true);
    // roughly uniform: variance bound^2/3
    const mean = w.reduce((s, v) => s + v, 0) / w.length;
    const variance = w.reduce((s, v) => s + (v - mean) ** 2, 0) / w.length;
    expect(Math.abs(mean)).toBeLessThan(0.02);
    expect(variance).toBeGreaterThan(((bound * bound) / 3) * 0.85);
    expect(variance).toBeLessThan(((bound * bound) / 3) * 1.15);
    expect(values(new Linear(16, 50, { seed: 7 }).weight.value)).toEqual(w);
    expect(values(new Linear(16, 50, { seed: 8 }).weight.value)).not.toEqual(w);
  });

  it('manualSeed makes default-seeded models reproducible', () => {
    manualSeed(3);
    const a = values(new Linear(4, 3).weight.value);
    manualSeed(3);
    expect(values(new Linear(4, 3).weight.value)).toEqual(a);
  });

  it('computes x W^T + b and keeps leading dims', () => {
    const l = new Linear(2, 3, { seed: 0 });
    l.loadStateDict({ weight: tensor([1, 2, 3, 4, 5, 6], [3, 2]), bias: tensor([0.5, 0, -1], [3]) });
    expect(values(l.forward(tensor([1, -1], [1, 2])))).toEqual([-0.5, -1, -2]);
    const y = l.forward(tensor([1, -1, 2, 0], [2, 1, 2]));
    expect(y.shape).toEqual([2, 1, 3]);
    expect(values(y)).toEqual([-0.5, -1, -2, 2.5, 6, 9]);
    expect(new Linear(2, 3, { bias: false, seed: 0 }).stateDict().has('bias')).toBe(false);
    expect(() => l.forward(tensor([1, 2, 3], [1, 3]))).toThrow(ShapeError);
  });
});

describe('Conv2d / MaxPool2d / Flatten', () => {
  it('Conv2d matches a direct convolution with padding and stride, and runs [T, B, C, H, W]', () => {
    const conv = new Conv2d(1, 2, 2, { stride: 1, padding: 1, seed: 0 });
    const w = [1, 0, 0, -1, 0.5, 0.5, 0.5, 0.5];
    conv.loadStateDict({ weight: tensor(w, [2, 1, 2, 2]), bias: tensor([0, 1], [2]) });
    const img = [1, 2, 3, 4]; // 2x2
    const y = conv.forward(tensor(img, [1, 1, 2, 2]));
    expect(y.shape).toEqual([1, 2, 3, 3]);
    // direct computation over the zero-padded 4x4 image
    const padded = (r: number, c: number) =>
      r >= 1 && r <= 2 && c >= 1 && c <= 2 ? img[(r - 1) * 2 + (c - 1)] : 0;
    const want: number[] = [];
    for (let o = 0; o < 2; o++)
      for (let r = 0; r < 3; r++)
        for (let c = 0; c < 3; c++) {
          let s = o;
          for (let i = 0; i < 2; i++)
            for (let j = 0; j < 2; j++) s += w[o * 4 + i * 2 + j] * padded(r + i, c + j);
          want.push(s);
        }
    expectClose(values(y), want, 'y', 1e-6);
    const y5 = conv.forward(tensor([...img, ...img], [2, 1, 1, 2, 2]));
    expect(y5.shape).toEqual([2, 1, 2, 3, 3]);
    expectClose(values(y5), [...want, ...want], 'y5', 1e-6);
    expect(() => conv.forward(tensor(new Float32Array(8), [1, 2, 2, 2]))).toThrow(/Conv2d\(1, 2\) expects/);
  });

  it('Conv2d init bound is 1/sqrt(in*kh*kw)', () => {
    const conv = new Conv2d(3, 8, 3, { seed: 1 });
    expect(values(conv.weight.value).every((v) => Math.abs(v) <= 1 / Math.sqrt(27))).toBe(true);
    expect(conv.weight.shape).toEqual([8, 3, 3, 3]);
  });

  it('MaxPool2d and Flatten', () => {
    const x = tensor([1, 5, 2, 0, 3, 4, 8, 1, 0, 0, 9, 9, 1, 2, 3, 7], [1, 1, 4, 4]);
    const p = new MaxPool2d(2).forward(x);
    expect(p.shape).toEqual([1, 1, 2, 2]);
    expect(values(p)).toEqual([5, 8, 2, 9]);
    expect(new Flatten().forward(p).shape).toEqual([1, 4]);
    expect(new Flatten(0).forward(p).shape).toEqual([4]);
    expect(new Flatten(2, 3).forward(tensor(new Float32Array(24), [2, 1, 3, 4])).shape).toEqual([2, 1, 12]);
  });
});

describe('Dropout', () => {
  it('drops about p of the units, scales the rest by 1/(1-p), is seeded, and is identity in eval mode', () => {
    const d = new Dropout(0.25, { seed: 11 });
    const x = tensor(new Float32Array(4000).fill(2), [4000]);
    const y = values(d.forward(x));
    const zeros = y.filter((v) => v === 0).length;
    expect(Math.abs(zeros / 4000 - 0.25)).toBeLessThan(4 * Math.sqrt((0.25 * 0.75) / 4000));
    expect(y.filter((v) => v !== 0).every((v) => Math.abs(v - 2 / 0.75) < 1e-6)).toBe(true);
    // the next call draws fresh numbers; a new Dropout with the same seed replays the first
    expect(values(d.forward(x))).not.toEqual(y);
    expect(values(new Dropout(0.25, { seed: 11 }).forward(x))).toEqual(y);
    d.eval();
    expect(d.forward(x)).toBe(x);
    expect(() => new Dropout(1)).toThrow(/p must be in \[0, 1\)/);
  });
});

describe('Sequential', () => {
  it('chains layers and names them "0", "1", ... as PyTorch does', () => {
    const s = new Sequential(new Linear(3, 4, { seed: 0 }), new Flatten(), new Linear(4, 2, { seed: 1 }));
    expect([...s.stateDict().keys()]).toEqual(['0.weight', '0.bias', '2.weight', '2.bias']);
    expect(s.forward(tensor(new Float32Array(6), [2, 3])).shape).toEqual([2, 2]);
  });
});

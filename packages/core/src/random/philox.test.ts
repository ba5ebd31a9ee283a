import { mulHi32, philox4x32_10, splitUint53, uniformFloat32, wordToUniform } from './philox.js';

const hex = (words: Uint32Array) => Array.from(words, (w) => w.toString(16).padStart(8, '0')).join(' ');

describe('philox4x32_10', () => {
  // Known-answer vectors from Random123's kat_vectors (philox4x32_10 lines).
  it.each([
    [[0, 0, 0, 0], [0, 0], '6627e8d5 e169c58d bc57ac4c 9b00dbd8'],
    [
      [0xffffffff, 0xffffffff, 0xffffffff, 0xffffffff],
      [0xffffffff, 0xffffffff],
      '408f276d 41c83b0e a20bc7c6 6d5451fd',
    ],
    [
      [0x243f6a88, 0x85a308d3, 0x13198a2e, 0x03707344],
      [0xa4093822, 0x299f31d0],
      'd16cfe09 94fdcceb 5001e420 24126ea1',
    ],
  ] as const)('counter %j key %j', (counter, key, expected) => {
    expect(hex(philox4x32_10(counter, key))).toBe(expected);
  });

  it('mulHi32 is exact against BigInt', () => {
    const cases = [
      [0xffffffff, 0xffffffff],
      [0xd2511f53, 0x12345678],
      [0xcd9e8d57, 0xfedcba98],
      [1, 0xffffffff],
      [0x10000, 0x10000],
    ];
    for (const [a, b] of cases) {
      expect(mulHi32(a, b)).toBe(Number((BigInt(a) * BigInt(b)) >> 32n));
    }
  });
});

describe('uniformFloat32', () => {
  it('follows the RandomUniform specification element by element', () => {
    const seed = 2 ** 40 + 12345;
    const offset = 2 ** 33 + 7;
    const u = uniformFloat32(10, seed, offset);
    for (let i = 0; i < 10; i++) {
      const c = offset + Math.floor(i / 4);
      const words = philox4x32_10([c % 2 ** 32, Math.floor(c / 2 ** 32), 0, 0], splitUint53(seed));
      expect(u[i]).toBe(wordToUniform(words[i % 4]));
    }
  });

  it('continues a stream with offset + ceil(n / 4)', () => {
    const whole = uniformFloat32(12, 7, 0);
    const tail = uniformFloat32(4, 7, 2);
    expect(Array.from(whole.subarray(8))).toEqual(Array.from(tail));
  });

  it('is uniform on [0, 1): mean 1/2, variance 1/12', () => {
    const u = uniformFloat32(100_000, 42, 0);
    let sum = 0;
    let sq = 0;
    let min = 1;
    let max = 0;
    for (const x of u) {
      sum += x;
      sq += x * x;
      min = Math.min(min, x);
      max = Math.max(max, x);
    }
    const mean = sum / u.length;
    expect(Math.abs(mean - 0.5)).toBeLessThan(0.005);
    expect(Math.abs(sq / u.length - mean * mean - 1 / 12)).toBeLessThan(0.002);
    expect(min).toBeGreaterThanOrEqual(0);
    expect(max).toBeLessThan(1);
  });

  it('rejects seeds that are not safe non-negative integers', () => {
    expect(() => uniformFloat32(4, -1, 0)).toThrow(/non-negative integer/);
    expect(() => uniformFloat32(4, 1.5, 0)).toThrow(/non-negative integer/);
  });
});

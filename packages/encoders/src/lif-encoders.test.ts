import { tensor, tidy } from '@snn/core';
import { flat, shapeOf } from '@snn/core/testing';
import { loadReferenceFixture } from '@snn/reference-fixtures';
import { ConstantCurrentLIFEncoder, constantCurrentLIFEncode, SpikeLatencyLIFEncoder } from './index.js';

describe('LIF current encoders (Norse)', () => {
  it('ConstantCurrentLIFEncoder reproduces norse-lif-current-encoder.json exactly (100 steps)', () => {
    const f = loadReferenceFixture('norse-lif-current-encoder');
    tidy(() => {
      const encoder = new ConstantCurrentLIFEncoder(f.params.T as number);
      const spikes = encoder.forward(tensor(f.inputs.input_current as number[], [4]));
      expect(spikes.shape).toEqual([100, 4]);
      expect(Array.from(spikes.dataSync())).toEqual(flat(f.outputs.z));
    });
  });

  it("reproduces the recurrent-SNN fixture's encoded image [T, B, pixels]", () => {
    const f = loadReferenceFixture('norse-recurrent-snn-grad');
    tidy(() => {
      const image = tensor(flat(f.inputs.image), shapeOf(f.inputs.image));
      const spikes = constantCurrentLIFEncode(image, f.params.T as number);
      expect(spikes.shape).toEqual(shapeOf(f.outputs.encoded));
      expect(Array.from(spikes.dataSync())).toEqual(flat(f.outputs.encoded));
    });
  });

  it('SpikeLatencyLIFEncoder keeps only the first spike of each neuron', () => {
    tidy(() => {
      const x = tensor([1.1, 0.5, 2, 3], [4]);
      const all = constantCurrentLIFEncode(x, 60).dataSync();
      const first = new SpikeLatencyLIFEncoder(60).forward(x).dataSync();
      for (let k = 0; k < 4; k++) {
        const column = (a: ArrayLike<number>) => Array.from({ length: 60 }, (_, t) => a[t * 4 + k]);
        const firstAll = column(all).indexOf(1);
        const got = column(first);
        expect(got.reduce((a, b) => a + b, 0)).toBe(firstAll < 0 ? 0 : 1);
        if (firstAll >= 0) expect(got.indexOf(1)).toBe(firstAll);
      }
    });
  });

  it('takes LIF parameters and rejects invalid arguments', () => {
    tidy(() => {
      const x = tensor([0.8], [1]);
      // vTh 0.5: v_t = 0.8*(1 - 0.9^(t+1)) = 0.08, 0.152, ..., 0.490 (t = 8), 0.521 (t = 9): first spike at 9.
      const spikes = Array.from(constantCurrentLIFEncode(x, 10, { vTh: 0.5 }).dataSync());
      expect(spikes.indexOf(1)).toBe(9);
      expect(() => new ConstantCurrentLIFEncoder(0)).toThrow(/seqLength must be an integer >= 1, got 0/);
      expect(() => constantCurrentLIFEncode(x, 5, {}, -0.001)).toThrow(/dt must be a finite number > 0/);
      // NaN is a current like any other value, on every backend: its neuron never fires, the others
      // are untouched (no read-back to check it).
      const withNaN = Array.from(
        constantCurrentLIFEncode(tensor([Number.NaN, 0.8], [2]), 10, { vTh: 0.5 }).dataSync(),
      );
      expect(withNaN.filter((_, k) => k % 2 === 0)).toEqual(new Array(10).fill(0));
      expect(withNaN.filter((_, k) => k % 2 === 1)).toEqual(spikes);
    });
  });
});

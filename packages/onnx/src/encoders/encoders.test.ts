import { type Tensor, tensor } from '@snn/core';
import {
  ConstantCurrentLIFEncoder,
  constantCurrentLIFEncode,
  delta,
  GaussianPopulationEncoder,
  latency,
  PoissonEncoder,
  poissonEncode,
  populationEncode,
  rate,
  SpikeLatencyLIFEncoder,
  spikeLatencyLIFEncode,
} from '@snn/encoders';
import { scale } from '../convert/step-functions.js';
import { OnnxExportError } from '../errors.js';
import { type ExportOptions, exportOnnx } from '../export/export-onnx.js';
import { modelInfo, runOnnx, runSteps } from '../test-utils/ort.js';
import { dyadic } from '../test-utils/reference.js';
import type { EncoderSpec } from './encoder-stage.js';

/*
 * Each deterministic encoder of @snn/encoders, exported in front of an identity (x * 1) and run by
 * onnxruntime, against the encoder itself: the graph's output at every step is the encoder's spike
 * train (or values). Stochastic encoders are refused by name, or taken as a spike-train input.
 */

const B = 3;

function pixels(shape: number[], seed: number, lo = 0, hi = 1): Tensor {
  let s = seed;
  const n = shape.reduce((a, b) => a * b, 1);
  return tensor(
    Float32Array.from({ length: n }, () => {
      s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
      return lo + ((s >>> 8) / 2 ** 24) * (hi - lo);
    }),
    shape,
  );
}

async function encodeWithOnnx(encoder: EncoderSpec, x: Tensor, options: Partial<ExportOptions> = {}) {
  const base = { inputShape: x.shape.slice(1), encoder, emitSequence: true, ...options };
  const bytes = await exportOnnx([scale(1)], base);
  const info = modelInfo(bytes);
  const data = x.dataSync() as Float32Array;
  const whole = await runOnnx(bytes, { [info.input.name]: { data, shape: x.shape } });
  const step = await exportOnnx([scale(1)], { ...base, form: 'step' });
  const sequence = info.input.layout === 'sequence';
  const steps = sequence ? x.shape[0] : (info.steps as number);
  const stepped = await runSteps(step, { data, shape: x.shape }, steps, sequence);
  return { whole: whole.outputs, stepped: stepped.outs.flatMap((o) => Array.from(o)) };
}

function expectSpikesEqual(got: ArrayLike<number>, want: Tensor): void {
  const w = Array.from(want.dataSync());
  expect(Array.from(got)).toEqual(w);
  expect(w.some((v) => v !== 0)).toBe(true);
}

describe('deterministic encoders match @snn/encoders', () => {
  it('ConstantCurrentLIFEncoder (and the constantCurrentLIFEncode function)', async () => {
    const x = pixels([B, 5], 1, -0.5, 3);
    const want = constantCurrentLIFEncode(x, 20);
    for (const spec of [
      new ConstantCurrentLIFEncoder(20),
      { encode: constantCurrentLIFEncode, args: [20] },
    ] as EncoderSpec[]) {
      const { whole, stepped } = await encodeWithOnnx(spec, x);
      expect(whole.shape).toEqual([20, B, 5]);
      expectSpikesEqual(whole.data, want);
      expectSpikesEqual(stepped, want);
    }
  });

  it('ConstantCurrentLIFEncoder with Norse parameters and dt', async () => {
    const x = pixels([B, 4], 2, 0, 4);
    const p = { vTh: 0.75, tauMemInv: 50, vLeak: 0.1, vReset: -0.2 };
    const want = constantCurrentLIFEncode(x, 16, p, 0.002);
    const { whole, stepped } = await encodeWithOnnx(new ConstantCurrentLIFEncoder(16, p, 0.002), x);
    expectSpikesEqual(whole.data, want);
    expectSpikesEqual(stepped, want);
  });

  it('SpikeLatencyLIFEncoder (first spike only)', async () => {
    const x = pixels([B, 6], 3, 0, 3);
    const want = spikeLatencyLIFEncode(x, 24);
    for (const spec of [
      new SpikeLatencyLIFEncoder(24),
      { encode: spikeLatencyLIFEncode, args: [24] },
    ] as EncoderSpec[]) {
      const { whole, stepped } = await encodeWithOnnx(spec, x);
      expectSpikesEqual(whole.data, want);
      expectSpikesEqual(stepped, want);
    }
  });

  it.each([
    ['log code', {}],
    ['log code, tau 5, first spike at 2, normalized', { tau: 5, firstSpikeTime: 2, normalize: true }],
    ['log code, clip below the threshold', { tau: 5, clip: true, threshold: 0.2 }],
    ['linear code', { tau: 8, linear: true }],
    ['linear code, normalized', { linear: true, normalize: true }],
    ['log code past the last step (whole last step cleared)', { tau: 40 }],
  ])('latency: %s', async (_name, options) => {
    const x = pixels([B, 8], 4, 0, 1);
    const want = latency(x, 10, options);
    const { whole, stepped } = await encodeWithOnnx({ encode: latency, args: [10, options] }, x);
    expectSpikesEqual(whole.data, want);
    expectSpikesEqual(stepped, want);
  });

  it.each([
    ['on spikes', {}],
    ['padding, on and off spikes', { padding: true, offSpike: true, threshold: 0.2 }],
  ])('delta (input: a [time, batch, ...] sequence): %s', async (_name, options) => {
    const x = pixels([7, B, 4], 5, 0, 1);
    const want = delta(x, options);
    const { whole, stepped } = await encodeWithOnnx({ encode: delta, args: [options] }, x, {
      inputShape: [4],
    });
    expectSpikesEqual(whole.data, want);
    expectSpikesEqual(stepped, want);
  });

  it.each([
    ['scale from the data', {}],
    ['scale 2, sigma 0.5', { scale: 2, sigma: 0.5 }],
  ])('populationEncode (values presented at every step): %s', async (_name, options) => {
    const x = pixels([B, 3], 6, 0, 1);
    const want = Array.from(populationEncode(x, 5, options).dataSync());
    const { whole, stepped } = await encodeWithOnnx({ encode: populationEncode, args: [5, options] }, x, {
      steps: 2,
    });
    expect(whole.shape).toEqual([2, B, 5, 3]);
    const close = (got: ArrayLike<number>) => {
      const g = Array.from(got);
      for (let k = 0; k < g.length; k++) expect(Math.abs(g[k] - want[k % want.length])).toBeLessThan(1e-6);
    };
    close(whole.data);
    close(stepped);
  });

  it('direct input: the same values at every step', async () => {
    const x = pixels([B, 4], 7);
    const { whole } = await encodeWithOnnx('direct', x, { steps: 3 });
    expect(Array.from(whole.data)).toEqual([
      ...Array.from(x.dataSync()),
      ...Array.from(x.dataSync()),
      ...Array.from(x.dataSync()),
    ]);
  });
});

describe('stochastic encoders', () => {
  const stochastic: [string, EncoderSpec, RegExp][] = [
    ['PoissonEncoder', new PoissonEncoder(10, 100, 0.001, { seed: 1 }), /PoissonEncoder\(seqLength 10/],
    [
      'GaussianPopulationEncoder',
      new GaussianPopulationEncoder(10, 4, { seed: 1 }),
      /GaussianPopulationEncoder\(seqLength 10/,
    ],
    [
      'poissonEncode',
      { encode: poissonEncode, args: [10, { fMax: 20 }] },
      /poissonEncode \(Norse poisson_encode\)/,
    ],
    ['rate', { encode: rate, args: [10] }, /rate \(snnTorch spikegen.rate/],
  ];

  it.each(stochastic)('%s is refused by name, with what to do instead', async (_n, spec, name) => {
    const run = exportOnnx([scale(1)], { inputShape: [4], encoder: spec });
    await expect(run).rejects.toThrow(OnnxExportError);
    await expect(run).rejects.toThrow(name);
    await expect(run).rejects.toThrow(/stochastic.*encoder: 'spikes'.*stochastic: 'input'/s);
  });

  it.each(stochastic)(
    "%s with stochastic: 'input' takes its spike train as the graph input",
    async (_n, spec, name) => {
      const bytes = await exportOnnx([scale(1)], {
        inputShape: [4],
        encoder: spec,
        stochastic: 'input',
        emitSequence: true,
      });
      const info = modelInfo(bytes);
      expect(info.input).toMatchObject({ name: 'spikes', layout: 'sequence' });
      expect(info.stochasticEncoder).toMatch(name);
      const spikes = rate(pixels([2, 4], 8), 5, { seed: 3 });
      const out = await runOnnx(bytes, {
        spikes: { data: spikes.dataSync() as Float32Array, shape: spikes.shape },
      });
      expect(Array.from(out.outputs.data)).toEqual(Array.from(spikes.dataSync()));
    },
  );

  it('an unknown encoder function is refused by name', async () => {
    const mine = function myEncoder(x: Tensor) {
      return x;
    };
    await expect(
      exportOnnx([scale(1)], { inputShape: [4], encoder: { encode: mine, args: [] }, steps: 2 }),
    ).rejects.toThrow(/cannot export the encoder myEncoder: not an @snn\/encoders encoder/);
  });

  it('a subclass of an encoder class is refused by name (it may encode differently)', async () => {
    class BurstEncoder extends ConstantCurrentLIFEncoder {}
    await expect(exportOnnx([scale(1)], { inputShape: [4], encoder: new BurstEncoder(4) })).rejects.toThrow(
      /cannot export the encoder BurstEncoder: expected 'direct', 'spikes', an @snn\/encoders encoder/,
    );
  });

  it('dyadic helper stays on its grid (used by the converter tests)', () => {
    const v = Array.from(dyadic([64], 1, 2).dataSync());
    expect(v.every((x) => Number.isInteger(x * 64))).toBe(true);
  });
});

import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { div, tensor, tidy } from '@snn/core';
import { expectClose } from '@snn/core/testing';
import { ConstantCurrentLIFEncoder, constantCurrentLIFEncode, rate } from '@snn/encoders';
import { firingRate, LIFNode, Linear, manualSeed, maxLogSoftmax, RecurrentSNN } from '@snn/modules';
import { OnnxRuntimeError } from '../errors.js';
import { exportOnnx } from '../export/export-onnx.js';
import { loadOnnx } from '../node/load-onnx.js';
import { writeOnnx } from '../node/write-onnx.js';

/*
 * loadOnnx over onnxruntime-node: batching, threads, uint8 pixels normalised in the graph, spike
 * train inputs, per-step models stepped through time, and clear errors.
 */

manualSeed(8);
const N = 23;
const model = new RecurrentSNN(12, 16, 4, { seed: 8 });
const pixels = Uint8Array.from({ length: N * 12 }, (_, i) => (i * 37 + (i >> 3) * 11) % 256);
const table = Float32Array.from({ length: 256 }, (_, v) => (v / 255 - 0.1307) / 0.3081);
const options = {
  inputShape: [12],
  encoder: new ConstantCurrentLIFEncoder(16),
  decoder: maxLogSoftmax,
  pixelTable: table,
};

/** The library's scores for the same pixels, normalised as the table does. */
function libraryScores(): number[] {
  return tidy(() => {
    const x = tensor(
      Float32Array.from(pixels, (v) => table[v]),
      [N, 12],
    );
    return Array.from(maxLogSoftmax(model.forward(constantCurrentLIFEncode(x, 16))).dataSync());
  });
}

describe('loadOnnx (onnxruntime-node)', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'snn-onnx-'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('predicts the library scores from a file, in batches, with any thread count', async () => {
    const path = join(dir, 'model.onnx');
    await writeOnnx(path, await exportOnnx(model, options));
    const want = libraryScores();
    for (const [batchSize, threads] of [
      [256, 1],
      [5, 2],
    ]) {
      const p = await loadOnnx(path, { batchSize, intraOpNumThreads: threads });
      try {
        const r = await p.predict(pixels);
        expect([r.samples, r.classes]).toEqual([N, 4]);
        expectClose(r.scores, want, 'scores', 0, 1e-5);
        const labels = Array.from({ length: N }, (_, i) => {
          const row = want.slice(i * 4, i * 4 + 4);
          return row.indexOf(Math.max(...row));
        });
        expect(Array.from(r.labels)).toEqual(labels);
        expect(Array.from(await p.classify(pixels))).toEqual(labels);
        expect(p.info?.input).toEqual({ name: 'x', layout: 'image', shape: [12], dtype: 'uint8' });
      } finally {
        await p.release();
      }
    }
  });

  it('a per-step model predicts what the whole-sequence model does, and steps one step at a time', async () => {
    const whole = await loadOnnx(await exportOnnx(model, options));
    const stepwise = await loadOnnx(await exportOnnx(model, { ...options, form: 'step' }), { batchSize: 7 });
    try {
      const a = await whole.predict(pixels);
      const b = await stepwise.predict(pixels);
      expect(Array.from(b.scores)).toEqual(Array.from(a.scores));
      let state = stepwise.initialState(2);
      expect(Object.keys(state)).toEqual(stepwise.info?.states.map((s) => s.input));
      const x = pixels.subarray(0, 24);
      let last: Awaited<ReturnType<typeof stepwise.step>> | undefined;
      for (let t = 0; t < 16; t++) {
        last = await stepwise.step(x, state);
        state = last.state;
      }
      expect(last?.out).toHaveLength(2 * 4);
      expect(Array.from(last?.scores ?? [])).toEqual(Array.from(a.scores.subarray(0, 8)));
    } finally {
      await whole.release();
      await stepwise.release();
    }
  });

  it('takes a spike train [time, samples, ...] and batches along the samples', async () => {
    const net = [new Linear(12, 4, { seed: 1 }), new LIFNode({ tau: 2 })];
    const p = await loadOnnx(
      await exportOnnx(net, { inputShape: [12], encoder: 'spikes', decoder: firingRate }),
      { batchSize: 4 },
    );
    try {
      const x = tidy(() => div(tensor(Float32Array.from(pixels), [N, 12]), 255));
      const spikes = rate(x, 10, { seed: 2 });
      const r = await p.predict(spikes.dataSync() as Float32Array, { steps: 10 });
      const want = tidy(() => {
        const [fc, node] = net as [Linear, LIFNode];
        return Array.from(firingRate(node.forward(fc.forward(spikes))).dataSync());
      });
      expect(r.samples).toBe(N);
      expectClose(r.scores, want, 'firing rates', 0, 1e-6);
      await expect(p.predict(spikes.dataSync() as Float32Array)).rejects.toThrow(/pass \{ steps \}/);
    } finally {
      await p.release();
    }
  });

  it('says what is wrong with a file or an input', async () => {
    await expect(loadOnnx(join(dir, 'missing.onnx'))).rejects.toThrow(
      /ONNX model .*missing\.onnx does not exist/,
    );
    const junk = join(dir, 'junk.onnx');
    writeFileSync(junk, 'not a model');
    await expect(loadOnnx(junk)).rejects.toThrow(OnnxRuntimeError);
    await expect(loadOnnx(await exportOnnx(model, options), { batchSize: 0 })).rejects.toThrow(
      /batchSize must be an integer >= 1/,
    );
    const p = await loadOnnx(await exportOnnx(model, options));
    try {
      await expect(p.predict(new Float32Array(24))).rejects.toThrow(
        /takes uint8 pixels \(a Uint8Array\), got Float32Array/,
      );
      await expect(p.predict(new Uint8Array(13))).rejects.toThrow(
        /samples of \[12\] \(12 values\), got 13 values/,
      );
      expect(() => p.initialState(1)).toThrow(/whole-sequence model: it has no step state/);
    } finally {
      await p.release();
    }
    const raw = await loadOnnx(await exportOnnx([new Linear(3, 2)], { inputShape: [3], encoder: 'spikes' }));
    try {
      await expect(raw.predict(new Float32Array(6), { steps: 1 })).rejects.toThrow(/has no decoder/);
      const out = await raw.run({ spikes: { data: new Float32Array(6), dims: [1, 2, 3] } });
      expect(out.outputs.dims).toEqual([1, 2, 2]);
    } finally {
      await raw.release();
    }
  });
});

import type { Tensor } from '@snn/core';
import { expectClose } from '@snn/core/testing';
import { firingRate, lastStep, maxLogSoftmax, maxOverTime, spikeCount } from '@snn/modules';
import { scale } from '../convert/step-functions.js';
import { OnnxExportError } from '../errors.js';
import { exportOnnx } from '../export/export-onnx.js';
import { runOnnx, runSteps } from '../test-utils/ort.js';
import { dyadic } from '../test-utils/reference.js';
import type { DecoderSpec } from './decoder-plan.js';

/*
 * The decoders of @snn/modules as running accumulators in the graph: the whole-sequence `scores`
 * and the per-step model's running `scores` after the last step both equal the decoder applied to
 * the recording by the library.
 */

const T = 7;
const B = 4;
const C = 5;

const decoders: [string, DecoderSpec, (x: Tensor) => Tensor][] = [
  ['maxOverTime', maxOverTime, maxOverTime],
  ['maxLogSoftmax', maxLogSoftmax, maxLogSoftmax],
  ['lastStep', lastStep, lastStep],
  ['spikeCount', spikeCount, spikeCount],
  ['firingRate', firingRate, firingRate],
];

describe.each(decoders)('%s', (_name, decoder, library) => {
  it('scores equal the library decoder on the same recording (whole sequence and per step)', async () => {
    const xs = dyadic([T, B, C], 9, 4);
    const want = Array.from(library(xs).dataSync());
    const data = xs.dataSync() as Float32Array;
    const whole = await exportOnnx([scale(1)], { inputShape: [C], encoder: 'spikes', decoder });
    const out = await runOnnx(whole, { spikes: { data, shape: xs.shape } });
    expect(out.scores.shape).toEqual([B, C]);
    const step = await exportOnnx([scale(1)], { inputShape: [C], encoder: 'spikes', decoder, form: 'step' });
    const stepped = await runSteps(step, { data, shape: xs.shape }, T, true);
    for (const got of [Array.from(out.scores.data), Array.from(stepped.scores ?? [])]) {
      // LogSoftmax may differ from the library's in the last bit; the rest is exact.
      if (decoder === maxLogSoftmax) expectClose(got, want, 'scores', 0, 1e-6);
      else expect(got).toEqual(want);
    }
  });
});

it('an unknown decoder is refused by name', async () => {
  const mean = function meanOverTime(x: Tensor) {
    return x;
  };
  await expect(exportOnnx([scale(1)], { inputShape: [3], encoder: 'spikes', decoder: mean })).rejects.toThrow(
    OnnxExportError,
  );
  await expect(exportOnnx([scale(1)], { inputShape: [3], encoder: 'spikes', decoder: mean })).rejects.toThrow(
    /cannot export the decoder meanOverTime: not a decoder of @snn\/modules/,
  );
});

import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  ConstantCurrentLIFEncoder,
  delta,
  latency,
  populationEncode,
  SpikeLatencyLIFEncoder,
} from '@snn/encoders';
import {
  Conv2d,
  Flatten,
  firingRate,
  IFNode,
  Leaky,
  LI,
  LIF,
  LIFNode,
  LILinearCell,
  Linear,
  MaxPool2d,
  manualSeed,
  maxLogSoftmax,
  RecurrentSNN,
  spikeCount,
} from '@snn/modules';
import { relu, scale } from '../convert/step-functions.js';
import { type ExportOptions, exportOnnx } from './export-onnx.js';

/*
 * ONNX's own checker (full check, with strict shape and type inference) on a file of every kind
 * the exporter writes, in both forms. It needs Python's `onnx` package (Debian: python3-onnx,
 * ONNX 1.12, which knows opset 17): the jest global setup (scripts/jest-requirements.mjs) finds it and
 * names it in $SNN_ONNX_PYTHON; without it the suite is skipped with one line, and SNN_REQUIRE=onnx
 * (CI, which installs it) makes that a failure.
 */

const CHECK = `
import sys, onnx
from onnx import checker, shape_inference
for path in sys.argv[1:]:
    model = onnx.load(path)
    checker.check_model(model, full_check=True)
    shape_inference.infer_shapes(model, check_type=True, strict_mode=True)
    print("ok", path)
`;

const missing = (process.env.SNN_TEST_MISSING ?? '').split(',').includes('onnx');
const python = missing ? undefined : process.env.SNN_ONNX_PYTHON;

manualSeed(4);
const models: [string, () => Promise<Uint8Array>][] = [];
const both = (name: string, network: Parameters<typeof exportOnnx>[0], options: ExportOptions) => {
  models.push([`${name}-sequence`, () => exportOnnx(network, options)]);
  models.push([`${name}-step`, () => exportOnnx(network, { ...options, form: 'step' })]);
};
both('norse-recurrent', new RecurrentSNN(784, 20, 10), {
  inputShape: [784],
  encoder: new ConstantCurrentLIFEncoder(8),
  decoder: maxLogSoftmax,
  pixelTable: new Float32Array(256).map((_, k) => k / 255),
});
both(
  'conv',
  [
    new Conv2d(1, 4, 5),
    new LIF(),
    new MaxPool2d(2),
    new Conv2d(4, 6, 3, { padding: 1 }),
    scale(10),
    new LIF(),
    new Flatten(),
    new Linear(6 * 12 * 12, 10),
    relu(),
    new LILinearCell(10, 10),
  ],
  { inputShape: [1, 28, 28], encoder: new SpikeLatencyLIFEncoder(6), decoder: maxLogSoftmax },
);
both(
  'snntorch',
  [new Linear(16, 8), new Leaky(0.9), new Linear(8, 4), new Leaky(0.9, { resetMechanism: 'zero' })],
  {
    inputShape: [16],
    steps: 5,
    decoder: spikeCount,
  },
);
both(
  'spikingjelly',
  [
    new Linear(16, 4, { bias: false }),
    new LIFNode({ tau: 2 }),
    new Linear(4, 4),
    new IFNode({ vReset: null }),
  ],
  {
    inputShape: [16],
    encoder: 'spikes',
    decoder: firingRate,
  },
);
both('latency-li', [new Linear(16, 4), new LI()], {
  inputShape: [16],
  encoder: { encode: latency, args: [6, { normalize: true, clip: true }] },
});
both('delta', [new Linear(16, 4), new LIF()], {
  inputShape: [16],
  encoder: { encode: delta, args: [{ padding: true, offSpike: true }] },
});
both('population', [new Flatten(), new Linear(5 * 16, 4), new LIF()], {
  inputShape: [16],
  steps: 3,
  encoder: { encode: populationEncode, args: [5] },
  decoder: maxLogSoftmax,
});

(python ? describe : describe.skip)("ONNX's checker and shape inference", () => {
  it('accept every kind of exported file', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'snn-onnx-check-'));
    try {
      const paths: string[] = [];
      for (const [name, make] of models) {
        const path = join(dir, `${name}.onnx`);
        writeFileSync(path, await make());
        paths.push(path);
      }
      const r = spawnSync(python as string, ['-c', CHECK, ...paths], { encoding: 'utf8' });
      expect(r.stderr).toBe('');
      expect(r.status).toBe(0);
      expect(r.stdout.trim().split('\n')).toHaveLength(models.length);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

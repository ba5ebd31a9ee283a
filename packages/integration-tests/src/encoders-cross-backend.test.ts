import { createTfjsBackend } from '@snn/backend-tfjs';
import { createWasmBackend } from '@snn/backend-wasm';
import {
  createReferenceBackend,
  dispose,
  type KernelBackend,
  registerBackend,
  setBackend,
  type Tensor,
  tensor,
  tidy,
} from '@snn/core';
import {
  constantCurrentLIFEncode,
  delta,
  GaussianPopulationEncoder,
  latency,
  poissonEncode,
  rate,
  spikeLatencyLIFEncode,
} from '@snn/encoders';

/*
 * The same input gives the same spikes on every backend, NaN included: each backend implements
 * core's Philox RandomUniform specification and core's NaN semantics (the conformance suite's NaN
 * cases), and the encoders are plain ops over them that never read their input back. Checked on the
 * reference backend, on tfjs's cpu and wasm backends and on @snn/backend-wasm, each wrapped to count
 * reads.
 */

const NaN_ = Number.NaN;

let reads = 0;

/** `make()`'s backend with every read (async or sync) counted. */
function counted(make: () => KernelBackend | Promise<KernelBackend>): () => Promise<KernelBackend> {
  return async () =>
    new Proxy(await make(), {
      get: (target, key) => {
        const v = Reflect.get(target, key, target);
        if (key === 'read' || key === 'readSync') {
          return (...args: unknown[]) => {
            reads += 1;
            return (v as (...a: unknown[]) => unknown).apply(target, args);
          };
        }
        return typeof v === 'function' ? v.bind(target) : v;
      },
    });
}

/** Every encoder on finite inputs and on inputs holding NaN: their spikes, and the reads they made. */
function encodeAll(): { spikes: number[][]; readsWhileEncoding: number } {
  const outputs = tidy(() => {
    const x = tensor([0, 0.05, 0.3, 0.5, 0.77, 0.95, 1, 1.4], [2, 4]);
    const withNaN = tensor([0.3, NaN_, 0.9, 0.5, NaN_, 0.95, 1, 0], [2, 4]);
    const currents = tensor([1.5, NaN_, 3, 0.2, 2.5, NaN_], [2, 3]);
    const series = tensor([0, 0.5, NaN_, 0.2, 0.9, 0.1, NaN_, 1], [4, 2]);
    return [
      poissonEncode(x, 40, { fMax: 1000, seed: 123, offset: 5 }),
      rate(x, 40, { seed: 2 ** 40 + 7, gain: 0.9, offset: 0.05 }),
      new GaussianPopulationEncoder(10, 3, { fMax: 800, seed: 77 }).forward(x),
      latency(x, 6, { tau: 2, clip: true }),
      poissonEncode(withNaN, 30, { fMax: 1000, seed: 5 }),
      rate(withNaN, 30, { seed: 9 }),
      latency(withNaN, 6, { tau: 2 }),
      latency(withNaN, 6, { linear: true, normalize: true }),
      new GaussianPopulationEncoder(10, 3, { fMax: 800, seed: 8, scale: 1 }).forward(withNaN),
      constantCurrentLIFEncode(currents, 20),
      spikeLatencyLIFEncode(currents, 20),
      delta(series, { offSpike: true }),
    ];
  });
  const readsWhileEncoding = reads;
  const spikes = outputs.map((t: Tensor) => Array.from(t.dataSync()));
  dispose(outputs);
  return { spikes, readsWhileEncoding };
}

describe('encoders give the same spikes on every backend, NaN inputs included, without reading them', () => {
  let reference: number[][];
  beforeAll(async () => {
    registerBackend('reference-counted', counted(createReferenceBackend), -1);
    await setBackend('reference-counted');
    reads = 0;
    const r = encodeAll();
    expect(r.readsWhileEncoding).toBe(0);
    reference = r.spikes;
    expect(reads).toBe(reference.length);
  });
  afterAll(async () => {
    await setBackend('reference');
  });

  it('on the reference backend a NaN never fires and leaves its neighbours alone', () => {
    // poissonEncode(withNaN): [30, 2, 4]; inputs 1 and 4 are NaN.
    const poisson = reference[4];
    for (let k = 0; k < poisson.length; k++) if (k % 8 === 1 || k % 8 === 4) expect(poisson[k]).toBe(0);
    expect(poisson.filter((_, k) => k % 8 === 2).some((s) => s === 1)).toBe(true);
    // constantCurrentLIFEncode(currents): [20, 2, 3]; currents 1 and 5 are NaN, 0, 2, 4 fire.
    const lif = reference[9];
    for (let k = 0; k < lif.length; k++) if (k % 6 === 1 || k % 6 === 5) expect(lif[k]).toBe(0);
    expect(lif.filter((_, k) => k % 6 === 2).some((s) => s === 1)).toBe(true);
  });

  it.each(['cpu', 'wasm'] as const)('tfjs-%s matches the reference backend', async (kind) => {
    registerBackend(
      `tfjs-${kind}-encoders`,
      counted(() => createTfjsBackend({ tfBackend: kind })),
      -1,
    );
    await setBackend(`tfjs-${kind}-encoders`);
    reads = 0;
    const got = encodeAll();
    expect(got.readsWhileEncoding).toBe(0);
    expect(reads).toBe(reference.length); // the counter sees the reads of the results
    got.spikes.forEach((spikes, k) => {
      expect({ encoder: k, spikes }).toEqual({ encoder: k, spikes: reference[k] });
    });
    expect(reference[0].some((s) => s === 1)).toBe(true);
  });

  it('@snn/backend-wasm (two threads) matches the reference backend', async () => {
    registerBackend(
      'wasm-encoders',
      counted(() => createWasmBackend({ threads: 2, parallelMin: 0 })),
      -1,
    );
    await setBackend('wasm-encoders');
    reads = 0;
    const got = encodeAll();
    expect(got.readsWhileEncoding).toBe(0);
    expect(reads).toBe(reference.length);
    got.spikes.forEach((spikes, k) => {
      expect({ encoder: k, spikes }).toEqual({ encoder: k, spikes: reference[k] });
    });
  });
});

import { loadReferenceFixture } from '@snn/reference-fixtures';
import type { TensorInfo } from '../../tensor/tensor-info.js';
import { expectClose } from '../../testing/fixtures.js';
import { createReferenceBackend } from './reference-backend.js';

/* The fused neuron kernels against values computed with Norse 1.0 (float64): see @snn/reference-fixtures. */

interface Fixture {
  params: Record<string, number | string>;
  inputs: { x: number[][] };
  outputs: Record<string, number[][]>;
}

// The feed-forward fixtures hold one [T, n] input x and [T, n] outputs.
const load = (name: string) => loadReferenceFixture(name) as unknown as Fixture;

const backend = createReferenceBackend();
const write = (rows: number[][] | number[], shape: number[]): TensorInfo => ({
  dataId: backend.write(Float32Array.from(rows.flat()), shape, 'float32'),
  shape,
  dtype: 'float32',
});
const read = (t: TensorInfo) => Array.from(backend.readSync(t.dataId));

describe('fused neuron kernels reproduce Norse', () => {
  it('LIFSequence matches lif_feed_forward_step (default parameters)', () => {
    const f = load('norse-lif-feed-forward-step.json');
    const [T, n] = [f.inputs.x.length, f.inputs.x[0].length];
    const x = write(f.inputs.x, [T, n]);
    const zeros = write(new Array(n).fill(0), [n]);
    const p = f.params as Record<string, number>;
    const [z, v, i] = backend.kernels.LIFSequence!(
      { x, v0: zeros, i0: zeros },
      {
        tauSynInv: p.tau_syn_inv,
        tauMemInv: p.tau_mem_inv,
        vLeak: p.v_leak,
        vTh: p.v_th,
        vReset: p.v_reset,
        dt: p.dt,
        surrogate: 'superspike',
        alpha: p.alpha,
        detachReset: false,
      },
    ) as TensorInfo[];
    expect(read(z)).toEqual(f.outputs.z.flat());
    expect(f.outputs.z.flat().some((s) => s === 1)).toBe(true);
    expectClose(read(v), f.outputs.v, 'v');
    expectClose(read(i), f.outputs.i, 'i');
  });

  it('LISequence matches li_feed_forward_step (default parameters)', () => {
    const f = load('norse-li-feed-forward-step.json');
    const [T, n] = [f.inputs.x.length, f.inputs.x[0].length];
    const x = write(f.inputs.x, [T, n]);
    const zeros = write(new Array(n).fill(0), [n]);
    const p = f.params as Record<string, number>;
    const [v, i] = backend.kernels.LISequence!(
      { x, v0: zeros, i0: zeros },
      { tauSynInv: p.tau_syn_inv, tauMemInv: p.tau_mem_inv, vLeak: p.v_leak, dt: p.dt },
    ) as TensorInfo[];
    expectClose(read(v), f.outputs.v, 'v');
    expectClose(read(i), f.outputs.i, 'i');
  });
});

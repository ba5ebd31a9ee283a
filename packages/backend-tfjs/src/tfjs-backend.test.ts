import type { BackendValues, DType, KernelName, TensorInfo } from '@snn/core';
import { writeTensorInfo } from '@snn/core/testing';
import * as tf from '@tensorflow/tfjs-core';
import { createTfjsBackend, type TfjsBackend } from './tfjs-backend.js';

/*
 * The package's own kernel checks on both tfjs backends: hand-computed expectations for the cases
 * where tfjs's defaults differ from @snn's contract (int32 division, bool movement, depth-1 oneHot,
 * transposed MatMul, aliasing), plus tfjs's own tensor count staying flat.
 */

for (const kind of ['cpu', 'wasm'] as const) {
  describe(`tfjs-${kind} kernels`, () => {
    let be: TfjsBackend;
    beforeAll(async () => {
      be = await createTfjsBackend({ tfBackend: kind });
    });
    afterAll(() => be.dispose());

    const t = (values: number[], shape: number[], dtype: DType = 'float32'): TensorInfo =>
      writeTensorInfo(be, values, shape, dtype);
    // biome-ignore lint/suspicious/noExplicitAny: test calls kernels by name with loose inputs
    const run = (name: KernelName, inputs: any, attrs: any = {}): TensorInfo => {
      const k = be.kernels[name] as unknown as (i: unknown, a: unknown) => TensorInfo;
      return k(inputs, attrs);
    };
    const values = (info: TensorInfo): number[] => Array.from(be.readSync(info.dataId) as BackendValues);

    test('write copies the caller array and read returns a fresh array', async () => {
      const src = Float32Array.from([1, 2, 3]);
      const x = t(Array.from(src), [3]);
      const id = be.write(src, [3], 'float32');
      src[0] = 99;
      expect(Array.from(be.readSync(id))).toEqual([1, 2, 3]);
      const r = await be.read(id);
      r[1] = 42;
      expect(Array.from(await be.read(id))).toEqual([1, 2, 3]);
      expect(values(x)).toEqual([1, 2, 3]);
    });

    test('broadcasting arithmetic and comparisons', () => {
      const a = t([1, 2, 3, 4, 5, 6], [2, 3]);
      const b = t([10, 20, 30], [3]);
      const s = run('Add', { a, b });
      expect(s.shape).toEqual([2, 3]);
      expect(values(s)).toEqual([11, 22, 33, 14, 25, 36]);
      const g = run('Greater', { a, b: t([3], [1]) });
      expect(g.dtype).toBe('bool');
      expect(values(g)).toEqual([0, 0, 0, 1, 1, 1]);
      const eqBool = run('Equal', { a: t([1, 0, 1], [3], 'bool'), b: t([1, 1, 1], [3], 'bool') });
      expect(values(eqBool)).toEqual([1, 0, 1]);
      // Bad shapes never reach a kernel: core validates every call (kernels/validate.test.ts in core).
    });

    test('int32 Div floors like the reference backend', () => {
      const q = run('Div', { a: t([7, -7, 6], [3], 'int32'), b: t([2, 2, 3], [3], 'int32') });
      expect(q.dtype).toBe('int32');
      expect(values(q)).toEqual([3, -4, 2]);
    });

    test('Cast rules', () => {
      const x = t([-1.7, -0.2, 0, 2.9], [4]);
      expect(values(run('Cast', { x }, { dtype: 'int32' }))).toEqual([-1, 0, 0, 2]);
      expect(values(run('Cast', { x }, { dtype: 'bool' }))).toEqual([1, 1, 0, 1]);
      const same = run('Cast', { x }, { dtype: 'float32' });
      expect(same.dataId).not.toBe(x.dataId);
      be.disposeData(same.dataId);
      expect(values(x)[0]).toBeCloseTo(-1.7, 6);
    });

    test('Spike, exclusive and inclusive', () => {
      const x = t([-1, 0, 0.5, Number.NaN], [4]);
      expect(values(run('Spike', { x }, { inclusive: false }))).toEqual([0, 0, 1, 0]);
      expect(values(run('Spike', { x }, { inclusive: true }))).toEqual([0, 1, 1, 0]);
      // Every SIMD lane and the scalar tail (wasm computes it as clip(step(x), 0, 1)).
      const special = [
        Number.NaN,
        -0,
        0,
        1e-40,
        -1e-40,
        Number.POSITIVE_INFINITY,
        Number.NEGATIVE_INFINITY,
        -2,
        3,
      ];
      const xs = Array.from({ length: 37 }, (_, i) => special[i % special.length]);
      const big = t(xs, [37]);
      expect(values(run('Spike', { x: big }, { inclusive: false }))).toEqual(xs.map((v) => (v > 0 ? 1 : 0)));
      expect(values(run('Spike', { x: big }, { inclusive: true }))).toEqual(xs.map((v) => (v >= 0 ? 1 : 0)));
    });

    test('reductions and ArgMax', () => {
      const x = t([1, 5, 5, 2, 0, 3], [2, 3]);
      expect(values(run('Sum', { x }, { axes: [1], keepDims: false }))).toEqual([11, 5]);
      const k = run('Max', { x }, { axes: [0], keepDims: true });
      expect(k.shape).toEqual([1, 3]);
      expect(values(k)).toEqual([2, 5, 5]);
      const am = run('ArgMax', { x }, { axis: 1 });
      expect(am.dtype).toBe('int32');
      expect(values(am)).toEqual([1, 2]);
      expect(values(run('Sum', { x }, { axes: [], keepDims: false }))).toEqual([1, 5, 5, 2, 0, 3]);
    });

    test('MatMul for every transpose combination and a broadcast batch', () => {
      const a = t([1, 2, 3, 4, 5, 6], [2, 3]); // [[1,2,3],[4,5,6]]
      const b = t([1, 0, 0, 1, 1, 1], [3, 2]); // [[1,0],[0,1],[1,1]]
      expect(values(run('MatMul', { a, b }, { transposeA: false, transposeB: false }))).toEqual([
        4, 5, 10, 11,
      ]);
      const at = t([1, 4, 2, 5, 3, 6], [3, 2]);
      const bt = t([1, 0, 1, 0, 1, 1], [2, 3]);
      expect(values(run('MatMul', { a: at, b }, { transposeA: true, transposeB: false }))).toEqual([
        4, 5, 10, 11,
      ]);
      expect(values(run('MatMul', { a, b: bt }, { transposeA: false, transposeB: true }))).toEqual([
        4, 5, 10, 11,
      ]);
      expect(values(run('MatMul', { a: at, b: bt }, { transposeA: true, transposeB: true }))).toEqual([
        4, 5, 10, 11,
      ]);
      const a3 = t([1, 2, 3, 4, 5, 6, 1, 1, 1, 2, 2, 2], [2, 2, 3]);
      const b3 = t([1, 0, 0, 1, 1, 1], [1, 3, 2]);
      const c = run('MatMul', { a: a3, b: b3 }, { transposeA: false, transposeB: false });
      expect(c.shape).toEqual([2, 2, 2]);
      expect(values(c)).toEqual([4, 5, 10, 11, 2, 2, 4, 4]);
      expect(() => run('MatMul', { a, b: a }, { transposeA: false, transposeB: false })).toThrow(/matMul/);
    });

    test('MatMul with transposes agrees with Transpose + MatMul, rank 2 and 3, both formulations', () => {
      const rnd = (shape: number[]) =>
        t(
          Array.from({ length: shape.reduce((p, d) => p * d, 1) }, (_, i) => Math.sin(i * 1.3)),
          shape,
        );
      const swap = (x: TensorInfo) =>
        run('Transpose', { x }, { perm: x.shape.length === 2 ? [1, 0] : [0, 2, 1] });
      // Shapes chosen so that both the operand-transposing and output-transposing forms are taken.
      const cases: [number[], number[], boolean, boolean][] = [
        [[7, 3], [7, 5], true, false],
        [[30, 2], [30, 40], true, false],
        [[3, 7], [5, 7], false, true],
        [[2, 30], [40, 30], false, true],
        [[7, 3], [5, 7], true, true],
        [[2, 7, 3], [1, 5, 7], true, true],
        [[1, 30, 2], [3, 30, 40], true, false],
      ];
      for (const [sa, sb, ta, tb] of cases) {
        const a = rnd(sa);
        const b = rnd(sb);
        const got = run('MatMul', { a, b }, { transposeA: ta, transposeB: tb });
        const want = run(
          'MatMul',
          { a: ta ? swap(a) : a, b: tb ? swap(b) : b },
          { transposeA: false, transposeB: false },
        );
        expect(got.shape).toEqual(want.shape);
        const g = values(got);
        values(want).forEach((w, i) => {
          expect(g[i]).toBeCloseTo(w, 4);
        });
      }
    });

    test('movement kernels, including bool data', () => {
      const x = t([1, 0, 1, 1, 0, 0], [2, 3], 'bool');
      expect(values(run('Transpose', { x }, { perm: [1, 0] }))).toEqual([1, 1, 0, 0, 1, 0]);
      expect(values(run('Slice', { x }, { begin: [1, 1], size: [1, 2] }))).toEqual([0, 0]);
      const p = run(
        'Pad',
        { x },
        {
          paddings: [
            [0, 1],
            [1, 0],
          ],
          value: 1,
        },
      );
      expect(p.shape).toEqual([3, 4]);
      expect(p.dtype).toBe('bool');
      expect(values(p)).toEqual([1, 1, 0, 1, 1, 1, 0, 0, 1, 1, 1, 1]);
      const c = run('Concat', { xs: [x, x] }, { axis: 1 });
      expect(c.shape).toEqual([2, 6]);
      expect(values(c)).toEqual([1, 0, 1, 1, 0, 1, 1, 0, 0, 1, 0, 0]);
      const bt = run('BroadcastTo', { x: t([1, 0], [2, 1], 'bool') }, { shape: [2, 2, 3] });
      expect(bt.dtype).toBe('bool');
      expect(values(bt)).toEqual([1, 1, 1, 0, 0, 0, 1, 1, 1, 0, 0, 0]);
      const pf = run('Pad', { x: t([1, 2], [2]) }, { paddings: [[2, 1]], value: -0.5 });
      expect(values(pf)).toEqual([-0.5, -0.5, 1, 2, -0.5]);
    });

    test('Slice: contiguous runs (copied straight from the wasm heap) and strided regions, every dtype', () => {
      const shape = [4, 3, 5];
      const host = Array.from({ length: 60 }, (_, k) => k);
      const cases: [number[], number[]][] = [
        [
          [2, 0, 0],
          [1, 3, 5],
        ], // one step: contiguous
        [
          [1, 0, 0],
          [2, 3, 5],
        ], // contiguous
        [
          [3, 1, 0],
          [1, 2, 5],
        ], // contiguous
        [
          [0, 1, 1],
          [4, 2, 3],
        ], // strided
      ];
      for (const dtype of ['float32', 'int32', 'bool'] as const) {
        const vals = dtype === 'bool' ? host.map((k) => (k % 3 === 0 ? 1 : 0)) : host;
        const x = t(vals, shape, dtype);
        for (const [begin, size] of cases) {
          const want: number[] = [];
          for (let i = 0; i < size[0]; i++)
            for (let j = 0; j < size[1]; j++)
              for (let k = 0; k < size[2]; k++)
                want.push(vals[((begin[0] + i) * 3 + begin[1] + j) * 5 + begin[2] + k]);
          const y = run('Slice', { x }, { begin, size });
          expect(y.dtype).toBe(dtype);
          expect(y.shape).toEqual(size);
          expect(values(y)).toEqual(want);
        }
      }
    });

    test('OneHot, including out-of-range indices and depth 1', () => {
      const idx = t([0, 2, -1, 5], [2, 2], 'int32');
      const o = run('OneHot', { indices: idx }, { depth: 3, onValue: 0.9, offValue: 0.05 });
      expect(o.shape).toEqual([2, 2, 3]);
      expect(o.dtype).toBe('float32');
      const v = values(o).map((n) => Math.round(n * 100) / 100);
      expect(v).toEqual([0.9, 0.05, 0.05, 0.05, 0.05, 0.9, 0.05, 0.05, 0.05, 0.05, 0.05, 0.05]);
      const d1 = run('OneHot', { indices: t([0, 1], [2], 'int32') }, { depth: 1, onValue: 1, offValue: 0 });
      expect(d1.shape).toEqual([2, 1]);
      expect(values(d1)).toEqual([1, 0]);
    });

    test('Where broadcasts condition, a and b', () => {
      const cond = t([1, 0], [2, 1], 'bool');
      const w = run('Where', { condition: cond, a: t([1, 2, 3], [3]), b: t([-1], [1]) });
      expect(w.shape).toEqual([2, 3]);
      expect(values(w)).toEqual([1, 2, 3, -1, -1, -1]);
    });

    test('inputs viewed with another shape (core reshape is metadata)', () => {
      const x = t([1, 2, 3, 4, 5, 6], [6]);
      const view: TensorInfo = { dataId: x.dataId, shape: [2, 3], dtype: 'float32' };
      expect(values(run('Sum', { x: view }, { axes: [1], keepDims: false }))).toEqual([6, 15]);
    });

    test('no tfjs tensors leak across repeated kernels + disposeData', () => {
      const a = t(
        Array.from({ length: 12 }, (_, i) => i / 7),
        [3, 4],
      );
      const b = t(
        Array.from({ length: 20 }, (_, i) => i / 11),
        [4, 5],
      );
      const step = () => {
        const outs = [
          run('MatMul', { a, b }, { transposeA: false, transposeB: false }),
          run('MatMul', { a: b, b: a }, { transposeA: true, transposeB: true }),
          run('Spike', { x: a }, { inclusive: false }),
          run('Pad', { x: t([1, 0], [2], 'bool') }, { paddings: [[1, 1]], value: 0 }),
          run('Cast', { x: a }, { dtype: 'float32' }),
          run('Sum', { x: a }, { axes: [], keepDims: false }),
          run('OneHot', { indices: t([0], [1], 'int32') }, { depth: 1, onValue: 1, offValue: 0 }),
        ];
        for (const o of outs) be.disposeData(o.dataId);
      };
      step();
      const before = tf.memory().numTensors;
      const buffers = be.memory().buffers;
      for (let i = 0; i < 20; i++) step();
      // The two `t(...)` inputs written inside each step are still live: 2 per step.
      expect(tf.memory().numTensors).toBe(before + 40);
      expect(be.memory().buffers).toBe(buffers + 40);
    });
  });
}

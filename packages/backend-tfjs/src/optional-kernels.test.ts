import { createReferenceBackend, type TensorInfo } from '@snn/core';
import { writeTensorInfo } from '@snn/core/testing';
import { harness } from './test-utils/harness.js';
import { createTfjsBackend, type TfjsBackend } from './tfjs-backend.js';

/*
 * Optional kernels against independent host computations: a direct convolution loop, adjointness of
 * the two convolution backprops, hand-worked pooling with ties and padding, and plain loops for the
 * fused neuron and optimizer kernels.
 */

const dot = (a: number[], b: number[]) => a.reduce((s, v, i) => s + v * b[i], 0);

function conv2dHost(
  x: number[],
  [n, c, h, w]: number[],
  wt: number[],
  [o, , kh, kw]: number[],
  [sh, sw]: number[],
  [pt, pb, pl, pr]: number[],
): { out: number[]; shape: number[] } {
  const ho = Math.floor((h + pt + pb - kh) / sh) + 1;
  const wo = Math.floor((w + pl + pr - kw) / sw) + 1;
  const out: number[] = [];
  for (let b = 0; b < n; b++)
    for (let oc = 0; oc < o; oc++)
      for (let y = 0; y < ho; y++)
        for (let xx = 0; xx < wo; xx++) {
          let s = 0;
          for (let ic = 0; ic < c; ic++)
            for (let i = 0; i < kh; i++)
              for (let j = 0; j < kw; j++) {
                const iy = y * sh - pt + i;
                const ix = xx * sw - pl + j;
                if (iy >= 0 && iy < h && ix >= 0 && ix < w)
                  s += x[((b * c + ic) * h + iy) * w + ix] * wt[((oc * c + ic) * kh + i) * kw + j];
              }
          out.push(s);
        }
  return { out, shape: [n, o, ho, wo] };
}

for (const kind of ['cpu', 'wasm'] as const) {
  describe(`tfjs-${kind} optional kernels`, () => {
    let be: TfjsBackend;
    beforeAll(async () => {
      be = await createTfjsBackend({ tfBackend: kind });
    });
    afterAll(() => be.dispose());
    const { t, run, runAll, values, rand, expectClose } = harness(() => be);

    const convCases: {
      x: number[];
      w: number[];
      strides: [number, number];
      pads: [number, number, number, number];
    }[] = [
      { x: [2, 3, 7, 6], w: [4, 3, 3, 2], strides: [1, 1], pads: [0, 0, 0, 0] },
      { x: [1, 2, 8, 9], w: [3, 2, 3, 3], strides: [2, 3], pads: [1, 2, 0, 1] },
      { x: [3, 1, 5, 5], w: [2, 1, 2, 2], strides: [2, 2], pads: [1, 1, 1, 1] },
      // Padding wider than the kernel: windows entirely in the padding (wasm's dx crops their dy).
      { x: [1, 2, 5, 6], w: [3, 2, 2, 2], strides: [2, 3], pads: [2, 3, 3, 1] },
      { x: [2, 6, 9, 9], w: [4, 6, 5, 5], strides: [1, 1], pads: [0, 0, 0, 0] },
    ];

    test.each(convCases)('Conv2D and its backprops, x $x w $w strides $strides pads $pads', (c) => {
      const size = (s: number[]) => s.reduce((p, d) => p * d, 1);
      const xv = rand(size(c.x), 3);
      const wv = rand(size(c.w), 5);
      const want = conv2dHost(xv, c.x, wv, c.w, c.strides, c.pads);
      const x = t(xv, c.x);
      const w = t(wv, c.w);
      const y = run('Conv2D', { x, w }, { strides: c.strides, pads: c.pads });
      expect(y.shape).toEqual(want.shape);
      expectClose(values(y), want.out);
      // <conv(x, w), dy> = <x, dx(dy, w)> = <w, dw(x, dy)>: the backprops are the adjoints.
      const dyv = rand(size(want.shape), 7);
      const dy = t(dyv, want.shape);
      const dx = run('Conv2DBackpropInput', { dy, w }, { xShape: c.x, strides: c.strides, pads: c.pads });
      const dw = run('Conv2DBackpropFilter', { x, dy }, { wShape: c.w, strides: c.strides, pads: c.pads });
      expect(dx.shape).toEqual(c.x);
      expect(dw.shape).toEqual(c.w);
      const ref = dot(want.out, dyv);
      expect(dot(xv, values(dx))).toBeCloseTo(ref, 3);
      expect(dot(wv, values(dw))).toBeCloseTo(ref, 3);
      // And elementwise: dw[o,c,i,j] = sum dy * x-window, checked through a one-hot weight gradient.
      const dwHost = new Array(wv.length).fill(0).map((_, k) => {
        const e = new Array(wv.length).fill(0);
        e[k] = 1;
        return dot(conv2dHost(xv, c.x, e, c.w, c.strides, c.pads).out, dyv);
      });
      expectClose(values(dw), dwHost, 1e-3);
      // And dx[k] = <conv(e_k, w), dy>, through a one-hot input.
      const dxHost = new Array(xv.length).fill(0).map((_, k) => {
        const e = new Array(xv.length).fill(0);
        e[k] = 1;
        return dot(conv2dHost(e, c.x, wv, c.w, c.strides, c.pads).out, dyv);
      });
      expectClose(values(dx), dxHost, 1e-3);
    });

    test('MaxPool pads with -Infinity and MaxPoolGrad routes to the first maximum', () => {
      // 1x1x3x4 with a tie inside the first window.
      const x = t([1, 5, 5, 2, 0, 3, 4, 4, -1, -2, -3, -4], [1, 1, 3, 4]);
      const attrs = { kernel: [2, 2], strides: [2, 2], pads: [0, 1, 0, 0] };
      const y = run('MaxPool', { x }, attrs);
      expect(y.shape).toEqual([1, 1, 2, 2]);
      expect(values(y)).toEqual([5, 5, -1, -3]);
      const dx = run('MaxPoolGrad', { dy: t([10, 20, 30, 40], [1, 1, 2, 2]), x }, attrs);
      expect(values(dx)).toEqual([0, 10, 20, 0, 0, 0, 0, 0, 30, 0, 40, 0]);
      // Overlapping windows accumulate.
      const o = { kernel: [2, 2], strides: [1, 1], pads: [0, 0, 0, 0] };
      const x2 = t([1, 2, 3, 9, 4, 5, 6, 7, 8], [1, 1, 3, 3]);
      expect(values(run('MaxPool', { x: x2 }, o))).toEqual([9, 5, 9, 8]);
      expect(values(run('MaxPoolGrad', { dy: t([1, 1, 1, 1], [1, 1, 2, 2]), x: x2 }, o))).toEqual([
        0, 0, 0, 2, 0, 1, 0, 0, 1,
      ]);
    });

    test.each([
      { x: [3, 4, 24, 24], kernel: [2, 2], strides: [2, 2], pads: [0, 0, 0, 0] },
      { x: [2, 3, 9, 11], kernel: [3, 2], strides: [2, 3], pads: [1, 2, 2, 0] },
      { x: [1, 2, 7, 6], kernel: [3, 3], strides: [1, 2], pads: [1, 1, 1, 1] },
      { x: [1, 1, 5, 5], kernel: [2, 2], strides: [3, 3], pads: [2, 2, 2, 2] },
    ])('MaxPoolGrad equals the reference backend, x $x kernel $kernel strides $strides pads $pads', (c) => {
      // Every window row matters (tfjs-wasm's own kernel drops all but the first); coarse values give
      // ties; NaN and -Infinity test the first-NaN-wins and the real-element-beats-padding rules.
      const size = c.x.reduce((p, d) => p * d, 1);
      const xv = rand(size, 13).map((v, i) =>
        i % 37 === 5 ? Number.NaN : i % 41 === 7 ? Number.NEGATIVE_INFINITY : Math.round(v * 3),
      );
      const attrs = { kernel: c.kernel, strides: c.strides, pads: c.pads };
      const ref = createReferenceBackend();
      const rx = writeTensorInfo(ref, xv, c.x, 'float32');
      // Only ry's shape is used: tfjs's MaxPool forward does not propagate NaN (see README).
      const ry = (ref.kernels.MaxPool as (i: unknown, a: unknown) => TensorInfo)({ x: rx }, attrs);
      const dyv = rand(
        ry.shape.reduce((p, d) => p * d, 1),
        17,
      );
      const rdy = writeTensorInfo(ref, dyv, ry.shape.slice(), 'float32');
      const rdx = (ref.kernels.MaxPoolGrad as (i: unknown, a: unknown) => TensorInfo)(
        { dy: rdy, x: rx },
        attrs,
      );
      const want = Array.from(ref.readSync(rdx.dataId) as Float32Array);
      const x = t(xv, c.x);
      const dx = run('MaxPoolGrad', { dy: t(dyv, ry.shape.slice()), x }, attrs);
      expect(dx.shape).toEqual(c.x);
      expect(values(dx)).toEqual(want);
      ref.dispose();
    });

    test('LogSoftmax along a middle axis', () => {
      const xv = rand(24, 11).map((v) => v * 5);
      const y = values(run('LogSoftmax', { x: t(xv, [2, 3, 4]) }, { axis: 1 }));
      const want: number[] = new Array(24);
      for (let a = 0; a < 2; a++)
        for (let c = 0; c < 4; c++) {
          const idx = [0, 1, 2].map((k) => (a * 3 + k) * 4 + c);
          const lse = Math.log(idx.reduce((s, i) => s + Math.exp(xv[i]), 0));
          for (const i of idx) want[i] = xv[i] - lse;
        }
      expectClose(y, want, 1e-5);
    });

    test('LIFSequence and LIFSequenceGrad follow the documented recurrences', () => {
      const T = 6;
      const n = 5;
      const p = { tauSynInv: 200, tauMemInv: 100, vLeak: 0, vTh: 0.3, vReset: -0.1, dt: 0.001 };
      const xv = rand(T * n, 2).map((v) => (v + 1) * 40);
      const v0 = rand(n, 4).map((v) => v * 0.2);
      const i0 = rand(n, 6).map((v) => v * 2);
      const [z, v, i, vd] = runAll(
        'LIFSequence',
        { x: t(xv, [T, n]), v0: t(v0, [n]), i0: t(i0, [n]) },
        {
          ...p,
          surrogate: 'superspike',
          alpha: 100,
          detachReset: false,
        },
      ).map(values);
      const a = p.dt * p.tauMemInv;
      const b = p.dt * p.tauSynInv;
      const hv = [...v0];
      const hi = [...i0];
      let spikes = 0;
      for (let s = 0; s < T; s++)
        for (let k = 0; k < n; k++) {
          const at = s * n + k;
          const dec = hv[k] + a * (p.vLeak - hv[k] + hi[k]);
          expect(vd[at]).toBeCloseTo(dec, 5);
          const zz = vd[at] - p.vTh > 0 ? 1 : 0;
          spikes += zz;
          expect(z[at]).toBe(zz);
          hv[k] = zz ? p.vReset : vd[at];
          hi[k] = hi[k] - b * hi[k] + xv[at];
          expect(v[at]).toBeCloseTo(hv[k], 5);
          expect(i[at]).toBeCloseTo(hi[k], 4);
          hv[k] = v[at];
          hi[k] = i[at];
        }
      expect(spikes).toBeGreaterThan(0);
      expect(spikes).toBeLessThan(T * n);
      const dz = rand(T * n, 8);
      const dv = rand(T * n, 9);
      const di = rand(T * n, 10);
      const sh = [T, n];
      const surr = (u: number) => 1 / (1 + ((Math.PI / 2) * 2 * u) ** 2);
      const results = [true, false].map((detachReset) => {
        const attrs = { ...p, surrogate: 'atan', alpha: 2, detachReset };
        const [dx, dv0, di0] = runAll(
          'LIFSequenceGrad',
          { z: t(z, sh), vDecayed: t(vd, sh), dz: t(dz, sh), dv: t(dv, sh), di: t(di, sh) },
          attrs,
        ).map(values);
        const wantDx = new Array(T * n);
        const gv = new Array(n).fill(0);
        const gi = new Array(n).fill(0);
        for (let s = T - 1; s >= 0; s--)
          for (let k = 0; k < n; k++) {
            const at = s * n + k;
            const Gv = dv[at] + gv[k];
            const Gi = di[at] + gi[k];
            const sg = surr(vd[at] - p.vTh);
            // The reset's own gradient (vReset - vd)*surrogate' only when it is not detached.
            const keep = 1 - z[at] + (detachReset ? 0 : (p.vReset - vd[at]) * sg);
            const gvd = Gv * keep + dz[at] * sg;
            wantDx[at] = Gi;
            gv[k] = gvd * (1 - a);
            gi[k] = gvd * a + Gi * (1 - b);
          }
        expectClose(dx, wantDx);
        expectClose(dv0, gv);
        expectClose(di0, gi);
        return dv0;
      });
      // Spikes happen, so the two settings give different gradients.
      expect(Math.max(...results[0].map((g, k) => Math.abs(g - results[1][k])))).toBeGreaterThan(1e-3);
    });

    test('LISequence and LISequenceGrad (input first, as Norse)', () => {
      const T = 4;
      const n = 3;
      const p = { tauSynInv: 200, tauMemInv: 100, vLeak: 0.1, dt: 0.001 };
      const xv = rand(T * n, 12);
      const [v, i] = runAll(
        'LISequence',
        { x: t(xv, [T, n]), v0: t([0, 0, 0], [n]), i0: t([1, 0, -1], [n]) },
        p,
      ).map(values);
      const a = p.dt * p.tauMemInv;
      const b = p.dt * p.tauSynInv;
      let hv = [0, 0, 0];
      let hi = [1, 0, -1];
      for (let s = 0; s < T; s++) {
        const j = hi.map((q, k) => q + xv[s * n + k]);
        hv = hv.map((q, k) => q + a * (p.vLeak - q + j[k]));
        hi = j.map((q) => q - b * q);
        expectClose(v.slice(s * n, s * n + n), hv, 1e-5);
        expectClose(i.slice(s * n, s * n + n), hi, 1e-5);
      }
      const dv = rand(T * n, 13);
      const di = rand(T * n, 14);
      const [dx, dv0, di0] = runAll('LISequenceGrad', { dv: t(dv, [T, n]), di: t(di, [T, n]) }, p).map(
        values,
      );
      const gv = [0, 0, 0];
      const gi = [0, 0, 0];
      const want = new Array(T * n);
      for (let s = T - 1; s >= 0; s--)
        for (let k = 0; k < n; k++) {
          const Gv = dv[s * n + k] + gv[k];
          const Gi = di[s * n + k] + gi[k];
          const gj = Gv * a + Gi * (1 - b);
          want[s * n + k] = gj;
          gv[k] = Gv * (1 - a);
          gi[k] = gj;
        }
      expectClose(dx, want);
      expectClose(dv0, gv);
      expectClose(di0, gi);
    });

    test('SpikeGrad surrogates', () => {
      const xv = [-0.5, -0.01, 0, 0.02, 0.7];
      const dy = [1, 2, 3, 4, 5];
      const check = (surrogate: string, alpha: number, f: (u: number) => number) =>
        expectClose(
          values(run('SpikeGrad', { dy: t(dy, [5]), x: t(xv, [5]) }, { surrogate, alpha })),
          xv.map((u, k) => dy[k] * f(u)),
          1e-5,
        );
      check('superspike', 100, (u) => 1 / (100 * Math.abs(u) + 1) ** 2);
      check('atan', 2, (u) => 1 / (1 + (Math.PI * u) ** 2));
      check('sigmoid', 4, (u) => {
        const s = 1 / (1 + Math.exp(-4 * u));
        return 4 * s * (1 - s);
      });
      check('triangle', 2, (u) => 2 * Math.max(0, 1 - 2 * Math.abs(u)));
      check('straightThrough', 1, () => 1);
    });

    test('AdamUpdate and SGDUpdate', () => {
      const pv = rand(6, 21);
      const gv = rand(6, 22);
      const mv = rand(6, 23).map((q) => q * 0.1);
      const vv = rand(6, 24).map((q) => q * q * 0.01);
      const at = { lr: 0.01, beta1: 0.9, beta2: 0.999, eps: 1e-8, weightDecay: 0.1, step: 3 };
      const [p1, m1, v1] = runAll(
        'AdamUpdate',
        { param: t(pv, [2, 3]), grad: t(gv, [2, 3]), m: t(mv, [2, 3]), v: t(vv, [2, 3]) },
        at,
      ).map(values);
      const g = gv.map((q, k) => q + 0.1 * pv[k]);
      const m = mv.map((q, k) => 0.9 * q + 0.1 * g[k]);
      const v = vv.map((q, k) => 0.999 * q + 0.001 * g[k] * g[k]);
      expectClose(m1, m, 1e-5);
      expectClose(v1, v, 1e-4);
      expectClose(
        p1,
        pv.map((q, k) => q - (0.01 * (m[k] / (1 - 0.9 ** 3))) / (Math.sqrt(v[k] / (1 - 0.999 ** 3)) + 1e-8)),
        1e-5,
      );
      const sgd = {
        lr: 0.1,
        momentum: 0.9,
        dampening: 0.1,
        nesterov: true,
        weightDecay: 0,
        firstStep: false,
      };
      const [q1, b1] = runAll('SGDUpdate', { param: t(pv, [6]), grad: t(gv, [6]), buf: t(mv, [6]) }, sgd).map(
        values,
      );
      const buf = mv.map((q, k) => 0.9 * q + 0.9 * gv[k]);
      expectClose(b1, buf, 1e-5);
      expectClose(
        q1,
        pv.map((q, k) => q - 0.1 * (gv[k] + 0.9 * buf[k])),
        1e-5,
      );
      const [, same] = runAll(
        'SGDUpdate',
        { param: t(pv, [6]), grad: t(gv, [6]), buf: t(mv, [6]) },
        { ...sgd, momentum: 0 },
      ).map(values);
      expectClose(same, mv, 1e-7);
    });
  });
}

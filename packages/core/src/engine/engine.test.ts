import {
  add,
  BackendError,
  backendName,
  customGrad,
  DisposedTensorError,
  detach,
  dispose,
  getBackend,
  grad,
  grads,
  keep,
  listBackends,
  matMul,
  memory,
  mul,
  noGrad,
  ones,
  ready,
  registerBackend,
  removeBackend,
  resetPeakMemory,
  ShapeError,
  setBackend,
  sum,
  type Tensor,
  tensor,
  tidy,
  valueAndGrad,
  valueAndGrads,
  variable,
  zeros,
} from '../index.js';
import { referenceVariant } from './test-utils/backends.js';

/** memory() without the peak (which only ever grows between resets). */
function live() {
  const { peakBytes: _, ...counts } = memory();
  return counts;
}

describe('tensors and memory', () => {
  test('reshape is metadata: it shares data, freed when the last handle goes', () => {
    const before = live();
    const x = tensor([1, 2, 3, 4, 5, 6], [2, 3]);
    const y = x.reshape([3, -1]);
    expect(y.shape).toEqual([3, 2]);
    expect(y.dataId).toBe(x.dataId);
    expect(memory().numTensors - before.numTensors).toBe(2);
    expect(memory().numDataBuffers - before.numDataBuffers).toBe(1);
    x.dispose();
    expect(Array.from(y.dataSync())).toEqual([1, 2, 3, 4, 5, 6]);
    expect(memory().numDataBuffers - before.numDataBuffers).toBe(1);
    y.dispose();
    expect(live()).toEqual(before);
    expect(() => x.reshape([7])).toThrow(DisposedTensorError);
  });

  test('peakBytes is the most bytes live at once since resetPeakMemory (shared reshapes counted once)', () => {
    const base = memory().numBytes;
    resetPeakMemory();
    expect(memory().peakBytes).toBe(base);
    const a = tensor(new Float32Array(100)); // 400 bytes
    const b = tensor(new Float32Array(50)); // 200 bytes
    const view = a.reshape([10, 10]);
    expect(memory().peakBytes).toBe(base + 600);
    dispose([a, b, view]);
    const c = tensor(new Float32Array(25)); // 100 bytes: below the peak
    expect(memory().numBytes).toBe(base + 100);
    expect(memory().peakBytes).toBe(base + 600);
    resetPeakMemory();
    expect(memory().peakBytes).toBe(base + 100);
    // A gradient computation's tape and backward pass count too.
    const x = variable(tensor(new Float32Array(1000).fill(0.5))); // 4,000 bytes
    resetPeakMemory();
    const r = valueAndGrads(() => sum(mul(mul(x, x), x)), [x]);
    const kept = memory().numBytes - base - 100 - 4000; // value + gradient: 4 + 4,000 bytes
    expect(kept).toBe(4004);
    // x*x and (x*x)*x were alive together with x before the backward pass began.
    expect(memory().peakBytes - memory().numBytes).toBeGreaterThanOrEqual(8000);
    dispose([r, c, x]);
  });

  test('a Tensor is a TensorInfo its backend understands (dataId is the backend id)', () => {
    const x = tensor([1, 2, 3]);
    const backend = getBackend();
    const out = backend.kernels.Add!({ a: x, b: x }, {}) as { dataId: object };
    expect(Array.from(backend.readSync!(out.dataId))).toEqual([2, 4, 6]);
    const r = x.reshape([3, 1]);
    expect(r.dataId).toBe(x.dataId);
    expect(Array.from(backend.readSync!(r.dataId))).toEqual([1, 2, 3]);
    backend.disposeData(out.dataId);
    dispose([x, r]);
  });

  test('reshape size mismatch is a ShapeError naming both shapes', () => {
    const x = zeros([2, 3]);
    expect(() => x.reshape([4, 2])).toThrow(/reshape: cannot reshape \[2, 3\] \(6 elements\) to \[4, 2\]/);
    x.dispose();
  });

  test('a disposed tensor named in the error', () => {
    const w = variable(ones([2, 2]), { name: 'fc.weight' });
    w.dispose();
    expect(() => add(w, 1)).toThrow(DisposedTensorError);
    expect(() => add(w, 1)).toThrow(/fc\.weight' \[2, 2\] float32 was disposed/);
    expect(() => w.dataSync()).toThrow(/was disposed/);
  });

  test('op shape errors name the op and both shapes', () => {
    tidy(() => {
      expect(() => add(zeros([2, 3]), zeros([4]))).toThrow(ShapeError);
      expect(() => add(zeros([2, 3]), zeros([4]))).toThrow(/add: shapes \[2, 3\] and \[4\]/);
      expect(() => matMul(zeros([2, 3]), zeros([4, 5]))).toThrow(/matMul: .*\[2, 3\].*\[4, 5\]/);
    });
  });

  test('tidy frees everything but its result, nested, and kept or variable tensors', () => {
    const before = memory().numTensors;
    let kept: Tensor | undefined;
    let v: Tensor | undefined;
    const out = tidy(() => {
      const a = ones([3]);
      const inner = tidy(() => {
        const b = add(a, 1);
        kept = keep(mul(b, 2));
        v = variable(b);
        add(b, b);
        return { sum: sum(b), list: [b] };
      });
      expect(inner.list[0].isDisposed).toBe(false);
      return inner.sum;
    });
    expect(out.item()).toBe(6);
    expect(kept!.isDisposed).toBe(false);
    expect(v!.requiresGrad).toBe(true);
    expect(memory().numTensors - before).toBe(3);
    dispose([out, kept!, { v }]);
    expect(memory().numTensors).toBe(before);
  });

  test('tidy cleans up when fn throws and refuses async functions', () => {
    const before = memory().numTensors;
    expect(() =>
      tidy(() => {
        ones([2]);
        throw new Error('boom');
      }),
    ).toThrow('boom');
    expect(() => tidy((async () => ones([1])) as never)).toThrow(/must not be async/);
    expect(memory().numTensors).toBe(before);
  });

  test('scalar constants for number operands are cached and not counted', () => {
    const x = ones([2]);
    const before = memory();
    const y = tidy(() => add(mul(x, 0.125), 0.125));
    expect(Array.from(y.dataSync())).toEqual([0.25, 0.25]);
    expect(memory().numTensors - before.numTensors).toBe(1);
    expect(memory().numCachedScalars).toBeGreaterThan(0);
    dispose([x, y]);
  });

  test('array(), arraySync(), item()', async () => {
    const x = tensor([
      [1, 2],
      [3, 4],
    ]);
    expect(await x.array()).toEqual([
      [1, 2],
      [3, 4],
    ]);
    expect(tensor(true).arraySync()).toBe(1);
    expect(() => x.item()).toThrow(/4 elements/);
    expect(tensor([1, 2, 3], [3], 'int32').dtype).toBe('int32');
    expect(() => tensor([1, 2, 3], [2, 2])).toThrow(ShapeError);
  });
});

describe('autograd', () => {
  test('grad and grads free the value they do not return, and never a tensor made before them', () => {
    const x = tensor([1, 2, 3]);
    const w = tensor([2, 2, 2]);
    const before = live();
    const g = grad((t) => sum(mul(t, t)))(x);
    const [gx, gw] = grads((a, b) => sum(mul(a, b)))([x, w]);
    // Three gradients are the only new tensors: the values (sums) and intermediates are freed.
    expect(live().numTensors - before.numTensors).toBe(3);
    expect(Array.from(gx.dataSync())).toEqual([2, 2, 2]);
    expect(Array.from(gw.dataSync())).toEqual([1, 2, 3]);
    // f returning an input or a closed-over tensor: that tensor is the caller's and stays usable.
    const gi = grad((t) => t)(x);
    const gc = grad(() => w)(x);
    expect(Array.from(x.dataSync())).toEqual([1, 2, 3]);
    expect(Array.from(w.dataSync())).toEqual([2, 2, 2]);
    expect(Array.from(gi.dataSync())).toEqual([1, 1, 1]);
    dispose([x, w, g, gx, gw, gi, gc]);
  });

  test('grad, valueAndGrad, valueAndGrads', () => {
    const x = tensor([1, 2, 3]);
    const g = grad((t) => sum(mul(t, t)))(x);
    expect(Array.from(g.dataSync())).toEqual([2, 4, 6]);
    const { value, grad: g2 } = valueAndGrad((t) => mul(t, 3))(x);
    expect(Array.from(value.dataSync())).toEqual([3, 6, 9]);
    expect(Array.from(g2.dataSync())).toEqual([3, 3, 3]);
    const w = tensor([
      [1, 2, 3],
      [4, 5, 6],
    ]);
    // d/dw sum(w @ x) = x^T broadcast over rows; d/dx = column sums of w. Reshapes are on the tape.
    const r = valueAndGrads(() => sum(matMul(w, x.reshape([3, 1])).reshape([2])), [w, x]);
    expect(r.value.item()).toBe(14 + 32);
    expect(r.grads[0].arraySync()).toEqual([
      [1, 2, 3],
      [1, 2, 3],
    ]);
    expect(Array.from(r.grads[1].dataSync())).toEqual([5, 7, 9]);
    dispose([x, g, value, g2, w, r]);
  });

  test('a gradient computation leaves only its value and gradients behind', () => {
    const x = variable(tensor([0.5, -1, 2]));
    const before = live();
    const r = valueAndGrads(() => sum(mul(add(mul(x, x), 1), x)), [x]);
    expect(memory().numTensors - before.numTensors).toBe(2);
    dispose(r);
    expect(live()).toEqual(before);
    x.dispose();
  });

  test('the tape keeps saved inputs alive even if the user disposes them inside f', () => {
    const x = tensor([1, 2, 3]);
    const { grads } = valueAndGrads(() => {
      const sq = mul(x, x);
      const y = mul(sq, sq); // d/dx x^4 = 4x^3, needs sq in the backward pass
      sq.dispose();
      return sum(y);
    }, [x]);
    expect(Array.from(grads[0].dataSync())).toEqual([4, 32, 108]);
  });

  test('noGrad and detach stop gradients', () => {
    const x = tensor([1, 2]);
    const r = valueAndGrads(
      () =>
        sum(
          add(
            mul(x, x),
            mul(
              detach(x),
              noGrad(() => mul(x, 10)),
            ),
          ),
        ),
      [x],
    );
    expect(Array.from(r.grads[0].dataSync())).toEqual([2, 4]);
  });

  test('customGrad replaces the gradient, reads saved tensors, and a dy seed weights the output', () => {
    // A straight-through clamp: forward clamps, backward passes dy * 2 (deliberately not the true derivative).
    const f = customGrad((t: Tensor) => ({
      value: mul(t, t),
      gradFunc: (dy, [saved]) => [mul(dy, mul(saved, 10))],
    }));
    const x = tensor([1, 2, 3]);
    const { value, grads } = valueAndGrads(() => f(x), [x], tensor([1, 0, 2]));
    expect(Array.from(value.dataSync())).toEqual([1, 4, 9]);
    expect(Array.from(grads[0].dataSync())).toEqual([10, 0, 60]);
    // Outside a gradient computation it is just the forward.
    expect(Array.from(f(x).dataSync())).toEqual([1, 4, 9]);
  });

  test('gradients of gradients (the backward pass is itself recorded)', () => {
    const x = tensor([1, 2, 3]);
    const d2 = grad((t) => sum(grad((u) => sum(mul(mul(u, u), u)))(t)))(x); // d/dx sum(3x^2) = 6x
    expect(Array.from(d2.dataSync())).toEqual([6, 12, 18]);
  });

  test('backprop visits each node once: 2^200 paths, linear time', () => {
    // y_{k+1} = y_k + y_k doubles the paths each step; a recursive per-path backward would never end.
    const x = tensor([1]);
    const t0 = Date.now();
    const g = grad((t) => {
      let y = t;
      for (let i = 0; i < 200; i++) y = mul(add(y, y), 0.5);
      return sum(y);
    })(x);
    expect(g.item()).toBeCloseTo(1, 5);
    expect(Date.now() - t0).toBeLessThan(5000);
  });
});

describe('backend registry', () => {
  afterEach(async () => {
    await setBackend('reference');
  });

  test('the reference backend is registered by default at priority 0', () => {
    expect(listBackends()).toContain('reference');
    expect(backendName()).toBe('reference');
    expect(getBackend().name).toBe('reference');
  });

  test('unknown backend lists the registered ones', async () => {
    await expect(setBackend('nope')).rejects.toThrow(BackendError);
    await expect(setBackend('nope')).rejects.toThrow(/no backend named 'nope'; registered: .*'reference'/);
  });

  test('resolution by priority falls through failing backends and reports every error', async () => {
    const { BackendRegistry } = await import('../backend/registry.js');
    const registry = new BackendRegistry();
    registry.register(
      'gpu',
      async () => {
        throw new Error('no adapter');
      },
      10,
    );
    registry.register(
      'wasm',
      () => {
        throw new Error('no SIMD');
      },
      5,
    );
    registry.register('ref', () => referenceVariant('ref'), 0);
    await registry.ready();
    expect(registry.activeName()).toBe('ref');

    const broken = new BackendRegistry();
    broken.register(
      'gpu',
      async () => {
        throw new Error('no adapter');
      },
      10,
    );
    broken.register('wasm', () => ({ specificationVersion: 'v0' }) as never, 5);
    const err = await broken.ready().catch((e: unknown) => e);
    expect(err).toBeInstanceOf(BackendError);
    expect((err as Error).message).toMatch(/'gpu' \(priority 10\): no adapter/);
    expect((err as Error).message).toMatch(/'wasm' \(priority 5\): .*specification 'v0'/);
  });

  test('sync resolution asks to await ready() for an async backend', async () => {
    const { BackendRegistry } = await import('../backend/registry.js');
    const registry = new BackendRegistry();
    registry.register('gpu', async () => referenceVariant('gpu', { async: true }), 10);
    expect(() => registry.get()).toThrow(/starts asynchronously; call `await ready\(\)`/);
    await registry.ready();
    expect(registry.get().name).toBe('gpu');
  });

  test('an async backend: kernels enqueue, data() awaits, dataSync() says to await data()', async () => {
    registerBackend('async-ref', () => referenceVariant('async-ref', { async: true, drop: [] }), -5);
    await setBackend('async-ref');
    const y = add(tensor([1, 2]), 1);
    expect(Array.from(await y.data())).toEqual([2, 3]);
    expect(() => y.dataSync()).toThrow(/can only read data asynchronously; use `await tensor.data\(\)`/);
    y.dispose();
    removeBackend('async-ref');
  });

  test('tensors made on one backend are moved on use after setBackend', async () => {
    const x = tensor([1, 2, 3]);
    registerBackend('other', () => referenceVariant('other', { drop: [] }), -5);
    await setBackend('other');
    const y = mul(x, 2);
    expect(Array.from(y.dataSync())).toEqual([2, 4, 6]);
    dispose([x, y]);
    await ready();
  });
});

import type { KernelBackend } from '../backend/kernel-backend.js';
import { ReferenceBackend } from '../backend/reference/reference-backend.js';
import {
  add,
  exp,
  grads,
  lifFeedForwardSequence,
  mul,
  neg,
  registerBackend,
  removeBackend,
  runKernel,
  setBackend,
  square,
  sum,
  type Tensor,
  tensor,
  tidy,
} from '../index.js';
import { expectClose } from '../testing/fixtures.js';
import * as surrogate from './index.js';

/*
 * The surrogate set is open: a surrogate defined in ONE place (here, with surrogate.define) runs on
 * the reference backend natively (its host code is compiled from the expression), and on a backend
 * that does not declare it through core's decomposition, with the same values and gradients.
 */

const { x, alpha } = surrogate.expr;
const e = surrogate.expr;

// A Gaussian bump, alpha * exp(-(alpha*x)^2): no backend was written with it in mind.
const gaussian = surrogate.define({
  name: 'openSetGaussian',
  alpha: 2,
  derivative: e.mul(alpha, e.exp(e.neg(e.square(e.mul(alpha, x))))),
  matches: 'a test',
});
const byHand = (t: Tensor, a: number) => mul(exp(neg(square(mul(t, a)))), a);

/** The reference backend with every kernel, counting the surrogate kernels it is asked to run. */
function countingReference(name: string, declares: boolean): { backend: KernelBackend; calls: string[] } {
  const calls: string[] = [];
  const ref = new ReferenceBackend();
  const kernels: Record<string, unknown> = { ...ref.kernels };
  for (const k of ['SpikeGrad', 'LIFSequenceGrad'] as const) {
    const impl = ref.kernels[k] as (i: never, a: never) => unknown;
    kernels[k] = (i: never, a: never) => {
      calls.push(k);
      return impl(i, a);
    };
  }
  const backend = Object.create(ref) as KernelBackend;
  Object.defineProperty(backend, 'kernels', { value: kernels });
  Object.defineProperty(backend, 'name', { value: name });
  if (!declares) Object.defineProperty(backend, 'supportsSurrogate', { value: undefined });
  return { backend, calls };
}

/** Values and gradients of a fused LIF layer and of a bare spike function using `method`. */
function workload(method: surrogate.SpikeFunction) {
  return tidy(() => {
    const T = 6;
    const xs = tensor(
      Array.from({ length: T * 8 }, (_, k) => 2 + 1.5 * Math.sin(k * 1.7)),
      [T, 8],
    );
    const w = tensor(
      Array.from({ length: T * 8 }, (_, k) => Math.cos(k * 0.9)),
      [T, 8],
    );
    const [gx] = grads((input) => {
      const r = lifFeedForwardSequence(input, null, { method });
      return add(sum(mul(r.v, w)), sum(mul(r.z, w)));
    })([xs]);
    const v = tensor([-1.2, -0.4, -0.01, 0.02, 0.3, 0.9], [6]);
    const [gv] = grads((t) => sum(mul(method(t), tensor([1, -2, 3, 0.5, -1, 2], [6]))))([v]);
    return { gx: Array.from(gx.dataSync()), gv: Array.from(gv.dataSync()) };
  });
}

describe('a surrogate defined once runs on every backend', () => {
  afterEach(() => setBackend('reference'));

  test('the reference backend runs it natively, with the hand-written formula as gradient', async () => {
    await setBackend('reference');
    const f = gaussian({ alpha: 3 });
    expect(f.surrogate).toBe('openSetGaussian');
    const got = workload(f);
    const want = workload(surrogate.custom((t) => byHand(t, 3)));
    expect(got.gv.some((g) => g !== 0)).toBe(true);
    expectClose(got.gv, want.gv, 'spike gradient', 1e-6);
    expectClose(got.gx, want.gx, 'fused LIF gradient', 1e-5);
  });

  test.each([
    ['declares nothing (decomposition)', false, 0],
    ['declares it (native kernels)', true, 2],
  ])('a backend that %s gives the same gradients', async (label, declares, nativeCalls) => {
    const { backend, calls } = countingReference(`counting-${declares}`, declares);
    registerBackend(backend.name, () => backend, -1);
    try {
      await setBackend('reference');
      const want = workload(gaussian());
      await setBackend(backend.name);
      const got = workload(gaussian());
      expectClose(got.gx, want.gx, label, 1e-5);
      expectClose(got.gv, want.gv, label, 1e-6);
      // One SpikeGrad and one LIFSequenceGrad run natively, or none at all.
      expect(calls.length).toBe(nativeCalls);
    } finally {
      await setBackend('reference');
      removeBackend(backend.name);
    }
  });

  test('a surrogate given in core ops only runs everywhere through the decomposition', async () => {
    const opsOnly = surrogate.define({
      name: 'openSetOpsOnly',
      alpha: 2,
      ops: (t, a) => byHand(t, a),
    });
    expect(new ReferenceBackend().supportsSurrogate('openSetOpsOnly')).toBe(false);
    const got = workload(opsOnly());
    const want = workload(gaussian());
    expectClose(got.gx, want.gx, 'ops-only', 1e-5);
  });

  test('names, redefinition and bad expressions fail with clear messages', () => {
    expect(surrogate.surrogateNames()).toEqual(expect.arrayContaining(['superspike', 'openSetGaussian']));
    // The same definition again is fine (a module evaluated twice); another formula is not.
    expect(() =>
      surrogate.define({ name: 'openSetGaussian', alpha: 2, derivative: gaussianExpression() }),
    ).not.toThrow();
    expect(() => surrogate.define({ name: 'openSetGaussian', alpha: 2, derivative: e.abs(x) })).toThrow(
      /'openSetGaussian' is already defined with another formula/,
    );
    expect(() => surrogate.define({ name: 'atan', alpha: 2, derivative: 1 })).toThrow(/already defined/);
    expect(() => surrogate.define({ name: 'heaviside', alpha: 1, derivative: 1 })).toThrow(/reserved/);
    expect(() => surrogate.define({ name: 'bad name', alpha: 1, derivative: 1 })).toThrow(/identifier/);
    expect(() => surrogate.define({ name: 'noFormula', alpha: 1 })).toThrow(/give its derivative/);
    expect(() => surrogate.define({ name: 'badAlpha', alpha: 0, derivative: 1 })).toThrow(
      /alpha must be a finite number > 0/,
    );
    expect(() =>
      surrogate.define({ name: 'badOp', alpha: 1, derivative: { op: 'cosh', args: [x] } as never }),
    ).toThrow(/unknown operation 'cosh' at derivative; expected one of neg/);
    expect(() =>
      surrogate.define({ name: 'badConst', alpha: 1, derivative: e.mul(Number.POSITIVE_INFINITY, x) }),
    ).toThrow(/constants must be finite numbers, got Infinity at derivative.args\[0\]/);
    expect(() =>
      surrogate.define({
        name: 'badWhere',
        alpha: 1,
        derivative: { op: 'where', args: [x, 1, 0] } as never,
      }),
    ).toThrow(/the condition of 'where' must be lt, le, gt or ge/);
    tidy(() => {
      const t = tensor([1], [1]);
      expect(() => runKernel('SpikeGrad', { dy: t, x: t }, { surrogate: 'nope', alpha: 1 })).toThrow(
        /unknown surrogate 'nope'; expected one of superspike, atan/,
      );
    });
    expect(() => surrogate.resolveSpikeFunction('nope')).toThrow(/unknown spike method 'nope'/);
    // A defined name works as a method string, as Norse's 'super' does.
    expect(surrogate.resolveSpikeFunction('openSetGaussian', 5).alpha).toBe(5);
  });
});

function gaussianExpression(): surrogate.SurrogateExpr {
  return e.mul(alpha, e.exp(e.neg(e.square(e.mul(alpha, x)))));
}

import {
  add,
  dispose,
  grads,
  hasKernel,
  type LIFParameters,
  lifFeedForwardSequence,
  lifFeedForwardStep,
  mul,
  randomUniform,
  stack,
  sum,
  type Tensor,
  tidy,
  unstack,
} from '../index.js';

/*
 * lifFeedForwardSequence (the fused LIFSequence kernel, native or decomposed) against T calls of
 * lifFeedForwardStep with the same detachReset, on the current backend: spikes, states and the
 * gradients of a weighted sum of z, v and i with respect to x, v0 and i0. Backends' tests run it for
 * both reset settings and report the measured differences.
 */

export interface FusedVsStepLoop {
  detachReset: boolean;
  /** Whether the current backend has a native LIFSequence kernel (else core's decomposition ran). */
  nativeKernel: boolean;
  spikes: number;
  neurons: number;
  /** max |fused - loop| over v and i. */
  maxValueDifference: number;
  /** max |fused - loop| over dx, dv0, di0. */
  maxGradDifference: number;
  /** max |loop gradient|, the scale maxGradDifference is judged against. */
  gradScale: number;
}

const steps = 10;
const neuronShape = [4, 8];
/** Norse's defaults except a negative vReset, so the reset term (vReset - vd) is not just -vd. */
const params: Partial<LIFParameters> = { vReset: -0.1 };
const dt = 0.001;

type Run = (x: Tensor, v0: Tensor, i0: Tensor, detachReset: boolean) => { z: Tensor; v: Tensor; i: Tensor };

const fused: Run = (x, v0, i0, detachReset) =>
  lifFeedForwardSequence(x, { v: v0, i: i0 }, params, dt, { detachReset });

const stepLoop: Run = (x, v0, i0, detachReset) => {
  const zs: Tensor[] = [];
  const vs: Tensor[] = [];
  const is: Tensor[] = [];
  let s = { v: v0, i: i0 };
  for (const xt of unstack(x, 0)) {
    const [z, next] = lifFeedForwardStep(xt, s, params, dt, { detachReset });
    zs.push(z);
    vs.push(next.v);
    is.push(next.i);
    s = next;
  }
  return { z: stack(zs, 0), v: stack(vs, 0), i: stack(is, 0) };
};

/** Outputs and input gradients of `run`, as tensors (the caller reads and disposes them). */
function probe(run: Run, detachReset: boolean): Tensor[] {
  return tidy(() => {
    const shape = [steps, ...neuronShape];
    // Philox seeds: the same inputs on every backend.
    const x = randomUniform(shape, { seed: 21, low: 0, high: 5 });
    const v0 = randomUniform(neuronShape, { seed: 22, low: 0, high: 0.9 });
    const i0 = randomUniform(neuronShape, { seed: 23, low: 0, high: 3 });
    const [wz, wv, wi] = [24, 25, 26].map((seed) => randomUniform(shape, { seed, low: -1, high: 1 }));
    const loss = (xx: Tensor, vv: Tensor, ii: Tensor) => {
      const r = run(xx, vv, ii, detachReset);
      return add(add(sum(mul(r.z, wz)), sum(mul(r.v, wv))), sum(mul(r.i, wi)));
    };
    const out = run(x, v0, i0, detachReset);
    return [out.z, out.v, out.i, ...grads(loss)([x, v0, i0])];
  });
}

async function read(ts: Tensor[]): Promise<number[][]> {
  const values = await Promise.all(ts.map(async (t) => Array.from(await t.data())));
  dispose(ts);
  return values;
}

const maxDiff = (a: number[][], b: number[][]) =>
  Math.max(...a.flatMap((xs, k) => xs.map((x, j) => Math.abs(x - b[k][j]))));

/**
 * Runs both paths on the current backend and returns what differs. Throws if the spikes differ or
 * there are no spikes (a comparison without resets would not test the reset's gradient).
 */
export async function compareFusedLifWithStepLoop(detachReset: boolean): Promise<FusedVsStepLoop> {
  const [zF, ...restF] = await read(probe(fused, detachReset));
  const [zL, ...restL] = await read(probe(stepLoop, detachReset));
  const spikes = zF.filter((z) => z === 1).length;
  if (zF.some((z, k) => z !== zL[k])) {
    throw new Error(`fused LIF and the step loop spike differently (detachReset ${detachReset})`);
  }
  if (spikes === 0 || spikes === zF.length) {
    throw new Error(`fused LIF vs step loop: ${spikes} of ${zF.length} spikes, the check needs some of each`);
  }
  const gradF = restF.slice(2);
  const gradL = restL.slice(2);
  return {
    detachReset,
    nativeKernel: hasKernel('LIFSequence'),
    spikes,
    neurons: zF.length,
    maxValueDifference: maxDiff(restF.slice(0, 2), restL.slice(0, 2)),
    maxGradDifference: maxDiff(gradF, gradL),
    gradScale: Math.max(...gradL.flat().map(Math.abs)),
  };
}

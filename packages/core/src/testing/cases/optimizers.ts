import { type KernelCase, t } from '../case-types.js';
import { pseudoRandom } from '../host-math.js';

/* AdamUpdate and SGDUpdate against the PyTorch formulas written out on the host. */

function adamCase(
  name: string,
  n: number,
  attrs: { lr: number; beta1: number; beta2: number; eps: number; weightDecay: number; step: number },
  seed: number,
): KernelCase {
  const param = pseudoRandom(n, seed, -1, 1);
  const grad = pseudoRandom(n, seed + 1, -1, 1);
  const m = attrs.step === 1 ? new Array(n).fill(0) : pseudoRandom(n, seed + 2, -0.1, 0.1);
  const v = attrs.step === 1 ? new Array(n).fill(0) : pseudoRandom(n, seed + 3, 0, 0.05);
  const { lr, beta1, beta2, eps, weightDecay, step } = attrs;
  const out = { p: [] as number[], m: [] as number[], v: [] as number[] };
  for (let k = 0; k < n; k++) {
    const g = grad[k] + weightDecay * param[k];
    const mk = beta1 * m[k] + (1 - beta1) * g;
    const vk = beta2 * v[k] + (1 - beta2) * g * g;
    const mHat = mk / (1 - beta1 ** step);
    const vHat = vk / (1 - beta2 ** step);
    out.p.push(param[k] - (lr * mHat) / (Math.sqrt(vHat) + eps));
    out.m.push(mk);
    out.v.push(vk);
  }
  const shape = [n];
  return {
    kernel: 'AdamUpdate',
    name,
    inputs: { param: t(param, shape), grad: t(grad, shape), m: t(m, shape), v: t(v, shape) },
    attrs,
    expected: [t(out.p, shape), t(out.m, shape), t(out.v, shape)],
    tolerance: 1e-5,
  };
}

function sgdCase(
  name: string,
  shape: number[],
  attrs: {
    lr: number;
    momentum: number;
    dampening: number;
    nesterov: boolean;
    weightDecay: number;
    firstStep: boolean;
  },
  seed: number,
): KernelCase {
  const n = shape.reduce((a, b) => a * b, 1);
  const param = pseudoRandom(n, seed, -1, 1);
  const grad = pseudoRandom(n, seed + 1, -1, 1);
  const buf = pseudoRandom(n, seed + 2, -0.5, 0.5);
  const { lr, momentum, dampening, nesterov, weightDecay, firstStep } = attrs;
  const pOut: number[] = [];
  const bOut: number[] = [];
  for (let k = 0; k < n; k++) {
    let g = grad[k] + weightDecay * param[k];
    let b = buf[k];
    if (momentum !== 0) {
      b = firstStep ? g : momentum * b + (1 - dampening) * g;
      g = nesterov ? g + momentum * b : b;
    }
    pOut.push(param[k] - lr * g);
    bOut.push(b);
  }
  return {
    kernel: 'SGDUpdate',
    name,
    inputs: { param: t(param, shape), grad: t(grad, shape), buf: t(buf, shape) },
    attrs,
    expected: [t(pOut, shape), t(bOut, shape)],
  };
}

const adam = { lr: 1e-3, beta1: 0.9, beta2: 0.999, eps: 1e-8, weightDecay: 0, step: 1 };
const sgd = { lr: 0.1, momentum: 0, dampening: 0, nesterov: false, weightDecay: 0, firstStep: false };

export const optimizerCases: readonly KernelCase[] = [
  adamCase('first step (m = v = 0), defaults', 7, adam, 600),
  adamCase('step 5 with weight decay', 6, { ...adam, step: 5, weightDecay: 0.01, lr: 0.01 }, 610),
  adamCase(
    'step 100, other betas and eps',
    5,
    { ...adam, step: 100, beta1: 0.8, beta2: 0.99, eps: 1e-4 },
    620,
  ),
  sgdCase('plain SGD (no momentum: buf unchanged)', [2, 3], sgd, 700),
  sgdCase('plain SGD with weight decay', [5], { ...sgd, weightDecay: 0.05 }, 710),
  sgdCase('momentum, first step (buf = g)', [4], { ...sgd, momentum: 0.9, firstStep: true }, 720),
  sgdCase('momentum with dampening, later step', [4], { ...sgd, momentum: 0.9, dampening: 0.1 }, 730),
  sgdCase(
    'nesterov, later step, weight decay',
    [2, 2],
    { ...sgd, momentum: 0.8, nesterov: true, weightDecay: 0.01 },
    740,
  ),
  sgdCase('nesterov, first step', [3], { ...sgd, momentum: 0.5, nesterov: true, firstStep: true }, 750),
];

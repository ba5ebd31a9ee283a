import { hostDerivative as surrogateDerivative } from '../../surrogate/registry.js';
import type { SurrogateName } from '../../surrogate/resolve.js';
import { type KernelCase, t } from '../case-types.js';
import { coords, flat, product, pseudoRandom, range } from '../host-math.js';
import { withEveryDefinedSurrogate } from './probe-surrogate.js';

/* Conv2D and its backprops, MaxPool and its grad, LogSoftmax and SpikeGrad. */

type Pads = [number, number, number, number];
type Pair = [number, number];

interface ConvProblem {
  name: string;
  x: number[];
  w: number[];
  dy: number[];
  xShape: [number, number, number, number];
  wShape: [number, number, number, number];
  yShape: [number, number, number, number];
  strides: Pair;
  pads: Pads;
}

/** The input coordinate a kernel tap reads for an output position, or null in the padding. */
function tap(
  oy: number,
  ox: number,
  ky: number,
  kx: number,
  p: Pick<ConvProblem, 'strides' | 'pads' | 'xShape'>,
) {
  const iy = oy * p.strides[0] - p.pads[0] + ky;
  const ix = ox * p.strides[1] - p.pads[2] + kx;
  return iy >= 0 && iy < p.xShape[2] && ix >= 0 && ix < p.xShape[3] ? [iy, ix] : null;
}

function convProblem(
  name: string,
  xShape: [number, number, number, number],
  wShape: [number, number, number, number],
  strides: Pair,
  pads: Pads,
  seed: number,
): ConvProblem {
  const ho = Math.floor((xShape[2] + pads[0] + pads[1] - wShape[2]) / strides[0]) + 1;
  const wo = Math.floor((xShape[3] + pads[2] + pads[3] - wShape[3]) / strides[1]) + 1;
  const yShape: [number, number, number, number] = [xShape[0], wShape[0], ho, wo];
  return {
    name,
    x: pseudoRandom(product(xShape), seed),
    w: pseudoRandom(product(wShape), seed + 1),
    dy: pseudoRandom(product(yShape), seed + 2),
    xShape,
    wShape,
    yShape,
    strides,
    pads,
  };
}

/** Visits every (output, tap) pair of a convolution with the flat x, w and y indices it couples. */
function forEachTap(p: ConvProblem, visit: (xi: number, wi: number, yi: number) => void) {
  range(product(p.yShape)).forEach((yi) => {
    const [n, o, oy, ox] = coords(yi, p.yShape);
    for (let c = 0; c < p.wShape[1]; c++)
      for (let ky = 0; ky < p.wShape[2]; ky++)
        for (let kx = 0; kx < p.wShape[3]; kx++) {
          const at = tap(oy, ox, ky, kx, p);
          if (at) visit(flat([n, c, at[0], at[1]], p.xShape), flat([o, c, ky, kx], p.wShape), yi);
        }
  });
}

function convCases(p: ConvProblem): KernelCase[] {
  const y = new Array<number>(product(p.yShape)).fill(0);
  const dx = new Array<number>(p.x.length).fill(0);
  const dw = new Array<number>(p.w.length).fill(0);
  forEachTap(p, (xi, wi, yi) => {
    y[yi] += p.x[xi] * p.w[wi];
    dx[xi] += p.dy[yi] * p.w[wi];
    dw[wi] += p.dy[yi] * p.x[xi];
  });
  const attrs = { strides: p.strides, pads: p.pads };
  return [
    {
      kernel: 'Conv2D',
      name: p.name,
      inputs: { x: t(p.x, p.xShape), w: t(p.w, p.wShape) },
      attrs,
      expected: t(y, p.yShape),
    },
    {
      kernel: 'Conv2DBackpropInput',
      name: p.name,
      inputs: { dy: t(p.dy, p.yShape), w: t(p.w, p.wShape) },
      attrs: { ...attrs, xShape: p.xShape },
      expected: t(dx, p.xShape),
    },
    {
      kernel: 'Conv2DBackpropFilter',
      name: p.name,
      inputs: { x: t(p.x, p.xShape), dy: t(p.dy, p.yShape) },
      attrs: { ...attrs, wShape: p.wShape },
      expected: t(dw, p.wShape),
    },
  ];
}

const convHandCase: KernelCase = {
  kernel: 'Conv2D',
  name: 'hand-computed 3x3 * 2x2',
  inputs: { x: t([1, 2, 3, 4, 5, 6, 7, 8, 9], [1, 1, 3, 3]), w: t([1, 0, 0, -1], [1, 1, 2, 2]) },
  attrs: { strides: [1, 1], pads: [0, 0, 0, 0] },
  expected: t([-4, -4, -4, -4], [1, 1, 2, 2]),
};

const convPadOrderCase: KernelCase = {
  kernel: 'Conv2D',
  name: 'pads are [top, bottom, left, right] (hand-computed)',
  inputs: { x: t([1, 2, 3, 4], [1, 1, 2, 2]), w: t([1], [1, 1, 1, 1]) },
  attrs: { strides: [1, 1], pads: [1, 0, 0, 2] },
  expected: t([0, 0, 0, 0, 1, 2, 0, 0, 3, 4, 0, 0], [1, 1, 3, 4]),
};

const NaN_ = Number.NaN;
const Inf = Number.POSITIVE_INFINITY;

/*
 * NaN has priority in a MaxPool window, as in PyTorch: a window holding a NaN pools to NaN wherever the
 * NaN sits and whatever else the window holds (+-Infinity included). Hand-written expected values.
 */
const maxPoolNaNCases: KernelCase[] = [
  {
    kernel: 'MaxPool',
    name: 'NaN wins its window (first, later, last position; beside NaN-free windows)',
    inputs: {
      // biome-ignore format: a 4x4 plane per line group reads as the image
      x: t(
        [
          // channel 0: NaN at a later position, none, NaN first, none (all negative)
          1, NaN_, 2, 3,
          4, 5, 6, 7,
          NaN_, 0, -1, -2,
          8, 9, -3, -4,
          // channel 1: NaN last beside +Infinity, NaN among -Infinity, none, all NaN
          Inf, 1, -Inf, -Inf,
          2, NaN_, -Inf, NaN_,
          0.5, 0.25, NaN_, NaN_,
          -0.5, 0.75, NaN_, NaN_,
        ],
        [1, 2, 4, 4],
      ),
    },
    attrs: { kernel: [2, 2], strides: [2, 2], pads: [0, 0, 0, 0] },
    expected: t([NaN_, 7, NaN_, -1, NaN_, NaN_, 0.75, NaN_], [1, 2, 2, 2]),
  },
  {
    kernel: 'MaxPool',
    name: 'NaN wins overlapping padded windows, the others keep their maximum',
    inputs: { x: t([1, 2, 3, 4, NaN_, 6, 7, 8, 9], [1, 1, 3, 3]) },
    attrs: { kernel: [2, 2], strides: [1, 1], pads: [1, 0, 1, 0] },
    expected: t([1, 2, 3, 4, NaN_, NaN_, 7, NaN_, NaN_], [1, 1, 3, 3]),
  },
];

function maxPoolCases(
  name: string,
  xShape: number[],
  kernel: Pair,
  strides: Pair,
  pads: Pads,
  x: number[],
  seed: number,
): KernelCase[] {
  const ho = Math.floor((xShape[2] + pads[0] + pads[1] - kernel[0]) / strides[0]) + 1;
  const wo = Math.floor((xShape[3] + pads[2] + pads[3] - kernel[1]) / strides[1]) + 1;
  const yShape = [xShape[0], xShape[1], ho, wo];
  const dy = pseudoRandom(product(yShape), seed);
  const y: number[] = [];
  const dx = new Array<number>(x.length).fill(0);
  range(product(yShape)).forEach((yi) => {
    const [n, c, oy, ox] = coords(yi, yShape);
    let best = -1;
    for (let ky = 0; ky < kernel[0]; ky++)
      for (let kx = 0; kx < kernel[1]; kx++) {
        const iy = oy * strides[0] - pads[0] + ky;
        const ix = ox * strides[1] - pads[2] + kx;
        if (iy < 0 || iy >= xShape[2] || ix < 0 || ix >= xShape[3]) continue;
        const xi = flat([n, c, iy, ix], xShape);
        if (best < 0 || x[xi] > x[best]) best = xi;
      }
    y.push(x[best]);
    dx[best] += dy[yi];
  });
  const attrs = { kernel, strides, pads };
  return [
    { kernel: 'MaxPool', name, inputs: { x: t(x, xShape) }, attrs, expected: t(y, yShape) },
    {
      kernel: 'MaxPoolGrad',
      name,
      inputs: { dy: t(dy, yShape), x: t(x, xShape) },
      attrs,
      expected: t(dx, xShape),
    },
  ];
}

function logSoftmaxCase(name: string, x: number[], shape: number[], axis: number): KernelCase {
  const out = x.map((v, i) => {
    const c = coords(i, shape);
    let max = Number.NEGATIVE_INFINITY;
    for (let k = 0; k < shape[axis]; k++) {
      c[axis] = k;
      max = Math.max(max, x[flat(c, shape)]);
    }
    let sum = 0;
    for (let k = 0; k < shape[axis]; k++) {
      c[axis] = k;
      sum += Math.exp(x[flat(c, shape)] - max);
    }
    return v - max - Math.log(sum);
  });
  return { kernel: 'LogSoftmax', name, inputs: { x: t(x, shape) }, attrs: { axis }, expected: t(out, shape) };
}

/** Core's surrogates with their usual alpha, then every other defined one (the probe included). */
const surrogates: [SurrogateName, number][] = withEveryDefinedSurrogate([
  ['superspike', 100],
  ['atan', 2],
  ['sigmoid', 4],
  ['fastSigmoid', 25],
  ['triangle', 1],
  ['straightThrough', 1],
]);

function spikeGradCases(): KernelCase[] {
  // Points on both sides of 0 and of the probe's branch edges (-1, 0.5, 1), and on them.
  const x = [-1.5, -1, -0.5, -0.05, 0, 0.01, 0.3, 0.5, 0.75, 1, 1.25, 2];
  const dy = [1, -2, 0.5, 3, 1, -1, 0.25, 2, -0.5, 1.5, -3, 0.75];
  return surrogates.map(([surrogate, alpha]) => ({
    kernel: 'SpikeGrad',
    name: `${surrogate} alpha ${alpha}`,
    inputs: { dy: t(dy, [3, 4]), x: t(x, [3, 4]) },
    attrs: { surrogate, alpha },
    expected: t(
      x.map((v, i) => dy[i] * surrogateDerivative(surrogate, v, alpha)),
      [3, 4],
    ),
  }));
}

export const convPoolCases: readonly KernelCase[] = [
  convHandCase,
  convPadOrderCase,
  ...convCases(convProblem('1x1 kernel, stride 1', [1, 2, 3, 3], [3, 2, 1, 1], [1, 1], [0, 0, 0, 0], 800)),
  ...convCases(
    convProblem('3x3 same padding, batch 2', [2, 2, 4, 4], [3, 2, 3, 3], [1, 1], [1, 1, 1, 1], 810),
  ),
  ...convCases(
    convProblem('stride [2, 1], asymmetric pads', [2, 3, 5, 4], [2, 3, 3, 2], [2, 1], [1, 0, 2, 1], 820),
  ),
  ...convCases(
    convProblem('non-square kernel, stride 2', [1, 1, 6, 5], [2, 1, 2, 3], [2, 2], [0, 1, 0, 0], 830),
  ),
  ...maxPoolCases('2x2 stride 2', [1, 2, 4, 4], [2, 2], [2, 2], [0, 0, 0, 0], pseudoRandom(32, 900), 901),
  ...maxPoolCases(
    'ties go to the first row-major maximum, overlapping windows accumulate',
    [1, 1, 3, 3],
    [2, 2],
    [1, 1],
    [0, 0, 0, 0],
    [1, 5, 5, 5, 5, 2, 0, 5, 3],
    910,
  ),
  ...maxPoolCases(
    'padding is -Infinity (all-negative input)',
    [1, 1, 3, 3],
    [2, 2],
    [2, 2],
    [1, 0, 1, 0],
    range(9, -9),
    920,
  ),
  ...maxPoolCases(
    '3x2 window, stride [1, 2], batch 2',
    [2, 1, 4, 5],
    [3, 2],
    [1, 2],
    [0, 0, 0, 1],
    pseudoRandom(40, 930),
    931,
  ),
  ...maxPoolNaNCases,
  logSoftmaxCase('rank 2 last axis', pseudoRandom(12, 950, -3, 3), [3, 4], 1),
  logSoftmaxCase('rank 2 axis 0', pseudoRandom(12, 951, -3, 3), [3, 4], 0),
  logSoftmaxCase('rank 3 middle axis', pseudoRandom(24, 952, -3, 3), [2, 3, 4], 1),
  logSoftmaxCase('large values stay finite (max shift)', [1000, 1001, 1002, -1000, 0, 1000], [2, 3], 1),
  logSoftmaxCase('single class gives 0', [3.5, -2], [2, 1], 1),
  ...spikeGradCases(),
];

import { ENGINE } from '../engine/engine.js';
import { ArgumentError } from '../errors.js';
import { conv2dShape, poolShape } from '../kernels/shape-utils.js';
import type { Tensor } from '../tensor/tensor.js';
import { spikeInput } from './spike-input.js';
import { exp } from './unary.js';
import { ensureDType, normAxis, scoped, toTensor } from './util.js';

type Pair = number | readonly [number, number];

function pair(v: Pair, op: string, what: string, min: number): [number, number] {
  const p: [number, number] = typeof v === 'number' ? [v, v] : [v[0], v[1]];
  if (!p.every((n) => Number.isInteger(n) && n >= min)) {
    throw new ArgumentError(`${op}: ${what} must be integers >= ${min}, got ${JSON.stringify(v)}`);
  }
  return p;
}

/**
 * log(softmax(x)) along `axis`, computed stably.
 *
 * @param x - Logits.
 * @param axis - The class dimension, default -1 (the last).
 * @example
 * ```ts
 * const logits = tensor([[2, 1, 0.1]]);
 * const logP = logSoftmax(logits); // [[-0.417, -1.417, -2.317]]
 * const nll = neg(mean(sum(mul(logP, oneHot(tensor(new Int32Array([0])), 3)), 1))); // cross-entropy
 * ```
 */
export function logSoftmax(x: Tensor, axis = -1): Tensor {
  return scoped(() => {
    const t = ensureDType(toTensor(x, 'logSoftmax'), 'float32');
    return ENGINE.runKernel('LogSoftmax', { x: t }, { axis: normAxis(axis, t.rank, 'logSoftmax') });
  });
}

/**
 * exp(x) / sum(exp(x)) along `axis`.
 *
 * @param x - Logits.
 * @param axis - The class dimension, default -1 (the last).
 * @example
 * ```ts
 * const p = softmax(tensor([[2, 1, 0.1]])); // [[0.659, 0.242, 0.099]], sums to 1
 * ```
 */
export function softmax(x: Tensor, axis = -1): Tensor {
  return scoped(() => {
    return exp(logSoftmax(x, axis));
  });
}

/**
 * 2-D convolution (cross-correlation, as PyTorch): x [N, C, H, W], w [O, C, kh, kw] -> [N, O, Ho, Wo].
 * `padding` is symmetric zero padding per spatial axis. No bias.
 *
 * @param x - Input [N, C, H, W].
 * @param w - Weights [O, C, kh, kw].
 * @param options - stride (default 1) and padding (default 0): a number or [h, w].
 * @example
 * ```ts
 * const x = zeros([8, 1, 28, 28]); // [N, C, H, W]
 * const w = randomNormal([20, 1, 5, 5], { seed: 0, std: 0.1 }); // [O, C, kh, kw]
 * console.log(conv2d(x, w).shape); // [8, 20, 24, 24]
 * console.log(conv2d(x, w, { stride: 1, padding: 2 }).shape); // [8, 20, 28, 28]
 * ```
 */
export function conv2d(x: Tensor, w: Tensor, options: { stride?: Pair; padding?: Pair } = {}): Tensor {
  return scoped(() => {
    const tx = ensureDType(toTensor(x, 'conv2d'), 'float32');
    const tw = ensureDType(toTensor(w, 'conv2d'), 'float32');
    const strides = pair(options.stride ?? 1, 'conv2d', 'stride', 1);
    const [ph, pw] = pair(options.padding ?? 0, 'conv2d', 'padding', 0);
    const pads: [number, number, number, number] = [ph, ph, pw, pw];
    conv2dShape(tx.shape, tw.shape, strides, pads);
    // Spikes in (tx.binary): a backend may scatter the kernel at each spike instead.
    return ENGINE.runKernel('Conv2D', { x: tx, w: tw }, { strides, pads, ...spikeInput(tx) });
  });
}

/**
 * Max pooling over NCHW; `stride` defaults to the kernel size, padding counts as -Infinity.
 *
 * @param x - Input [N, C, H, W].
 * @param kernel - The window: a number or [h, w].
 * @param stride - Default the kernel size.
 * @param padding - Default 0 (padded cells count as -Infinity).
 * @example
 * ```ts
 * const x = zeros([8, 20, 24, 24]);
 * console.log(maxPool2d(x, 2).shape); // [8, 20, 12, 12] (stride defaults to the kernel size)
 * ```
 */
export function maxPool2d(x: Tensor, kernel: Pair, stride?: Pair, padding: Pair = 0): Tensor {
  return scoped(() => {
    const tx = ensureDType(toTensor(x, 'maxPool2d'), 'float32');
    const k = pair(kernel, 'maxPool2d', 'kernel', 1);
    const strides = pair(stride ?? k, 'maxPool2d', 'stride', 1);
    const [ph, pw] = pair(padding, 'maxPool2d', 'padding', 0);
    if (ph * 2 > k[0] || pw * 2 > k[1]) {
      throw new ArgumentError(
        `maxPool2d: padding ${ph},${pw} must be at most half the kernel ${k[0]}x${k[1]}`,
      );
    }
    const pads: [number, number, number, number] = [ph, ph, pw, pw];
    poolShape(tx.shape, k, strides, pads);
    return ENGINE.runKernel('MaxPool', { x: tx }, { kernel: k, strides, pads });
  });
}

import type { IntList, NirArray, NirNode } from './graph.js';

/*
 * Each node's input and output type (per-sample shape), as nir 1.0 derives them in its nodes'
 * __post_init__; `null` where NIR leaves a type open (pooling always, Conv2d without input_shape,
 * Flatten without input_type), which `inferShapes` fills in from the node's input.
 */

export interface NodeTypes {
  readonly input: IntList | null;
  readonly output: IntList | null;
}

const shapeOf = (a: NirArray): IntList => a.shape;

/** A convolution's output size along one dimension (PyTorch's formula, as nir's calculate_conv_output). */
export function convOutput(
  size: number,
  pad: number,
  dilation: number,
  kernel: number,
  stride: number,
): number {
  return Math.floor((size + 2 * pad - dilation * (kernel - 1) - 1) / stride + 1);
}

/** The output shape of a 2-D convolution or pooling window over [C, H, W]. */
export function windowOutput(
  input: IntList,
  channels: number,
  kernel: IntList,
  stride: IntList,
  padding: IntList,
  dilation: IntList = [1, 1],
): IntList {
  return [
    channels,
    ...[0, 1].map((d) => convOutput(input[d + 1], padding[d], dilation[d], kernel[d], stride[d])),
  ];
}

/** Conv2d's padding as numbers: 'valid' is none, 'same' (stride 1) half of dilation*(k-1) each side. */
export function convPadding(node: Extract<NirNode, { type: 'Conv2d' }>): IntList {
  if (node.padding === 'valid') return [0, 0];
  if (node.padding === 'same')
    return [0, 1].map((d) => (node.dilation[d] * (node.weight.shape[d + 2] - 1)) / 2);
  return node.padding;
}

/** nir's calc_flatten_output: merges dims start..end (end -1: the last) of the per-sample shape. */
export function flattenOutput(input: IntList, start: number, end: number): IntList {
  const s = start < 0 ? input.length + start : start;
  const e = end < 0 ? input.length + end : end;
  const merged = input.slice(s, e + 1).reduce((a, b) => a * b, 1);
  return [...input.slice(0, s), merged, ...input.slice(e + 1)];
}

/** The types a node declares by itself (before inference). */
export function declaredTypes(node: NirNode): NodeTypes {
  switch (node.type) {
    case 'Input':
    case 'Output':
      return { input: node.shape, output: node.shape };
    case 'Affine':
    case 'Linear': {
      const w = node.weight.shape;
      return { input: [...w.slice(0, -2), w[w.length - 1]], output: w.slice(0, -1) };
    }
    case 'Conv2d': {
      if (!node.input_shape) return { input: null, output: null };
      const input = [node.weight.shape[1] * node.groups, ...node.input_shape];
      return { input, output: conv2dOutput(node, input) };
    }
    case 'SumPool2d':
    case 'AvgPool2d':
      return { input: null, output: null };
    case 'Flatten':
      return node.input_type
        ? { input: node.input_type, output: flattenOutput(node.input_type, node.start_dim, node.end_dim) }
        : { input: null, output: null };
    case 'Scale':
      return same(shapeOf(node.scale));
    case 'Threshold':
      return same(shapeOf(node.threshold));
    case 'Delay':
      return same(shapeOf(node.delay));
    case 'LI':
    case 'LIF':
    case 'I':
    case 'IF':
      return same(shapeOf(node.r));
    case 'CubaLI':
    case 'CubaLIF':
      return same(shapeOf(node.v_leak));
    case 'Conv1d':
    case 'NIRGraph':
      return { input: null, output: null };
  }
}

const same = (s: IntList): NodeTypes => ({ input: s, output: s });

export function conv2dOutput(node: Extract<NirNode, { type: 'Conv2d' }>, input: IntList): IntList {
  const k = node.weight.shape.slice(2);
  return windowOutput(input, node.weight.shape[0], k, node.stride, convPadding(node), node.dilation);
}

/** The output type of a node whose type NIR leaves open, from its input type. */
export function inferredOutput(node: NirNode, input: IntList): IntList | null {
  switch (node.type) {
    case 'Conv2d':
      return conv2dOutput(node, input);
    case 'SumPool2d':
    case 'AvgPool2d':
      return windowOutput(input, input[0], node.kernel_size, node.stride, node.padding);
    case 'Flatten':
      return flattenOutput(input, node.start_dim, node.end_dim);
    default:
      return declaredTypes(node).output;
  }
}

import { Conv2d, Dropout, Flatten, isExactly, Linear, MaxPool2d } from '@snn/modules';
import { OnnxExportError } from '../errors.js';
import type { Dim, Value } from '../graph/graph-builder.js';
import type { Ops } from '../graph/ops.js';
import { type ExportContext, type Stage, statelessStage } from './stage.js';

/*
 * The stateless layers, applied to one time step [batch, ...]: PyTorch's own ONNX forms (Gemm for
 * Linear, Conv, MaxPool, Reshape for Flatten), so the graph reads like a torch.onnx export.
 */

function shapeText(s: readonly Dim[]): string {
  return `[${s.join(', ')}]`;
}

/** Runs `f` on a rank-2 view [N, last] of x and gives the result x's leading dims back. */
function onRows(ops: Ops, x: Value, outLast: number, f: (x2: Value) => Value): Value {
  if (x.shape.length === 2) return f(x);
  const last = x.shape[x.shape.length - 1] as number;
  const flat = ops.reshape(x, [-1, last], ['rows', last], 'rows');
  const y = f(flat);
  const lead = x.shape.slice(0, -1);
  if (lead.slice(1).some((d) => typeof d !== 'number')) {
    throw new Error(`internal: only the leading dim may be symbolic, got ${shapeText(x.shape)}`);
  }
  const target = [...lead.map((d, k) => (k === 0 ? -1 : (d as number))), outLast];
  return ops.reshape(y, target, [...lead, outLast], 'out');
}

function linearStage(name: string, m: Linear, ctx: ExportContext): Stage {
  return statelessStage(
    name,
    'Linear',
    (input) => {
      if (input.length < 1 || input[input.length - 1] !== m.inFeatures) {
        throw new OnnxExportError(
          `${name} (Linear(${m.inFeatures}, ${m.outFeatures})): expects a per-step input [..., ${m.inFeatures}], got ${shapeText(input)}`,
        );
      }
      return [...input.slice(0, -1), m.outFeatures];
    },
    (ops, x) => {
      const w = ctx.tensor(m.weight.value, `${name}.weight`);
      const b = m.bias ? ctx.tensor(m.bias.value, `${name}.bias`) : null;
      return onRows(ops, x, m.outFeatures, (x2) => ops.linear(x2, w, b, 'y'));
    },
  );
}

function convOut(size: Dim, k: number, stride: number, pad: number): Dim {
  return typeof size === 'number' ? Math.floor((size + 2 * pad - k) / stride) + 1 : size;
}

function conv2dStage(name: string, m: Conv2d, ctx: ExportContext): Stage {
  return statelessStage(
    name,
    'Conv2d',
    (input) => {
      if (input.length !== 4 || input[1] !== m.inChannels) {
        throw new OnnxExportError(
          `${name} (Conv2d(${m.inChannels}, ${m.outChannels})): expects a per-step input [batch, ${m.inChannels}, H, W], got ${shapeText(input)}`,
        );
      }
      return [
        input[0],
        m.outChannels,
        convOut(input[2], m.kernelSize[0], m.stride[0], m.padding[0]),
        convOut(input[3], m.kernelSize[1], m.stride[1], m.padding[1]),
      ];
    },
    (ops, x) => {
      const w = ctx.tensor(m.weight.value, `${name}.weight`);
      const inputs = m.bias ? [x, w, ctx.tensor(m.bias.value, `${name}.bias`)] : [x, w];
      return ops.node('Conv', inputs, 'y', {
        shape: [
          x.shape[0],
          m.outChannels,
          convOut(x.shape[2], m.kernelSize[0], m.stride[0], m.padding[0]),
          convOut(x.shape[3], m.kernelSize[1], m.stride[1], m.padding[1]),
        ],
        attrs: {
          kernel_shape: m.kernelSize,
          strides: m.stride,
          pads: [m.padding[0], m.padding[1], m.padding[0], m.padding[1]],
          dilations: [1, 1],
          group: 1,
        },
      });
    },
  );
}

function maxPoolStage(name: string, m: MaxPool2d): Stage {
  const out = (input: readonly Dim[]): Dim[] => [
    input[0],
    input[1],
    convOut(input[2], m.kernelSize, m.stride, m.padding),
    convOut(input[3], m.kernelSize, m.stride, m.padding),
  ];
  return statelessStage(
    name,
    'MaxPool2d',
    (input) => {
      if (input.length !== 4) {
        throw new OnnxExportError(
          `${name} (MaxPool2d): expects a per-step input [batch, C, H, W], got ${shapeText(input)}`,
        );
      }
      return out(input);
    },
    (ops, x) =>
      ops.node('MaxPool', [x], 'y', {
        shape: out(x.shape),
        attrs: {
          kernel_shape: [m.kernelSize, m.kernelSize],
          strides: [m.stride, m.stride],
          pads: [m.padding, m.padding, m.padding, m.padding],
        },
      }),
  );
}

function flattenStage(name: string, m: Flatten): Stage {
  const range = (input: readonly Dim[]): [number, number] => {
    const s = m.startDim < 0 ? input.length + m.startDim : m.startDim;
    const e = m.endDim < 0 ? input.length + m.endDim : m.endDim;
    if (s < 1 || e >= input.length || s > e) {
      throw new OnnxExportError(
        `${name} (Flatten(${m.startDim}, ${m.endDim})): does not fit the per-step input ${shapeText(input)}` +
          (s < 1
            ? ' (it would merge the batch axis: exported graphs flatten each step [batch, ...] from dim 1)'
            : ''),
      );
    }
    return [s, e];
  };
  const out = (input: readonly Dim[]): Dim[] => {
    const [s, e] = range(input);
    const merged = input.slice(s, e + 1).reduce<number>((a, b) => a * (b as number), 1);
    return [...input.slice(0, s), merged, ...input.slice(e + 1)];
  };
  return statelessStage(name, 'Flatten', out, (ops, x) => {
    const shape = out(x.shape);
    // 0 copies the batch dim (and any other dim before startDim) from the input.
    const target = shape.map((d, k) => (typeof d === 'number' && k > 0 ? d : 0));
    return ops.reshape(x, target, shape, 'y');
  });
}

function dropoutStage(name: string, m: Dropout): Stage {
  if (m.training && m.p > 0) {
    throw new OnnxExportError(
      `${name} (Dropout(${m.p})): is in training mode, where it drops units at random; call model.eval() before exporting (in eval mode it is the identity)`,
    );
  }
  return statelessStage(
    name,
    'Dropout',
    (input) => input,
    (ops, x) => ops.unary('Identity', x, 'y'),
  );
}

/** The stage of a stateless layer module, or undefined when `m` is none of them. */
export function layerStage(name: string, m: unknown, ctx: ExportContext): Stage | undefined {
  if (isExactly(m, Linear)) return linearStage(name, m, ctx);
  if (isExactly(m, Conv2d)) return conv2dStage(name, m, ctx);
  if (isExactly(m, MaxPool2d)) return maxPoolStage(name, m);
  if (isExactly(m, Flatten)) return flattenStage(name, m);
  if (isExactly(m, Dropout)) return dropoutStage(name, m);
  return undefined;
}

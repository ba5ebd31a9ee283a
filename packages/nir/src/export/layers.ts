import { Conv2d, Dropout, Flatten, isExactly, Linear, MaxPool2d, type Module } from '@snn/modules';
import { NirConversionError } from '../errors.js';
import { nirArray } from '../ir/graph.js';
import { flattenOutput, windowOutput } from '../ir/shapes.js';
import type { Cursor, GraphBuilder } from './builder.js';
import type { NirStepFunction } from './step-functions.js';

const fmt = (s: readonly number[]) => `[${s.join(', ')}]`;

/** Linear -> Affine (Linear without bias), Conv2d -> Conv2d, Flatten, MaxPool2d of spikes, Dropout. */
export async function layerNodes(
  name: string,
  m: Module,
  cur: Cursor,
  b: GraphBuilder,
): Promise<Cursor | null> {
  if (isExactly(m, Linear)) {
    if (cur.shape.length !== 1 || cur.shape[0] !== m.inFeatures) {
      throw new NirConversionError(
        `${name} (Linear(${m.inFeatures}, ${m.outFeatures})): its input is ${fmt(cur.shape)} per sample; put a Flatten before it`,
      );
    }
    const weight = await b.weight(m.weight.value);
    const node = m.bias
      ? { type: 'Affine' as const, weight, bias: await b.weight(m.bias.value) }
      : { type: 'Linear' as const, weight };
    return { tail: b.chain(cur, name, node), shape: [m.outFeatures], spikes: false };
  }
  if (isExactly(m, Conv2d)) {
    if (cur.shape.length !== 3 || cur.shape[0] !== m.inChannels) {
      throw new NirConversionError(
        `${name} (Conv2d(${m.inChannels}, ${m.outChannels})): expects [${m.inChannels}, H, W] per sample, got ${fmt(cur.shape)}`,
      );
    }
    const weight = await b.weight(m.weight.value);
    const bias = m.bias ? await b.weight(m.bias.value) : nirArray(0, [m.outChannels], 'float32');
    const tail = b.chain(cur, name, {
      type: 'Conv2d',
      input_shape: cur.shape.slice(1),
      weight,
      bias,
      stride: m.stride,
      padding: m.padding,
      dilation: [1, 1],
      groups: 1,
    });
    return {
      tail,
      shape: windowOutput(cur.shape, m.outChannels, m.kernelSize, m.stride, m.padding),
      spikes: false,
    };
  }
  if (isExactly(m, Flatten)) {
    // NIR's dims count in the per-sample shape: ours count the batch too.
    const shift = (d: number) => (d < 0 ? d : d - 1);
    if (m.startDim === 0 || m.endDim === 0) {
      throw new NirConversionError(
        `${name} (Flatten(${m.startDim}, ${m.endDim})): flattening the batch dimension has no NIR form`,
      );
    }
    const start = shift(m.startDim);
    const end = shift(m.endDim);
    const out = flattenOutput(cur.shape, start, end);
    const tail = b.chain(cur, name, {
      type: 'Flatten',
      input_type: cur.shape,
      start_dim: start,
      end_dim: end,
    });
    return { tail, shape: out, spikes: cur.spikes };
  }
  if (isExactly(m, MaxPool2d)) {
    // NIR has no max pooling. Over spikes (0 or 1) the maximum of a window is 1 exactly when its sum
    // is above 0: SumPool2d then Threshold(0) computes the same values.
    if (!cur.spikes) {
      throw new NirConversionError(
        `${name} (MaxPool2d): NIR has no max pooling; it converts exactly (SumPool2d -> Threshold 0) only over spikes, and its input here comes from a layer that does not spike`,
      );
    }
    if (m.padding !== 0)
      throw new NirConversionError(
        `${name} (MaxPool2d): padding ${m.padding} has no exact NIR form (SumPool2d pads with zeros)`,
      );
    const k = [m.kernelSize, m.kernelSize];
    const s = [m.stride, m.stride];
    const out = windowOutput(cur.shape, cur.shape[0], k, s, [0, 0]);
    const pool = b.chain(cur, `${name}_sum`, {
      type: 'SumPool2d',
      kernel_size: k,
      stride: s,
      padding: [0, 0],
    });
    const tail = b.chain({ ...cur, tail: pool }, name, { type: 'Threshold', threshold: nirArray(0, out) });
    return { tail, shape: out, spikes: true };
  }
  if (isExactly(m, Dropout)) {
    if (m.training)
      throw new NirConversionError(
        `${name} (Dropout): in training mode it drops at random; call model.eval() before exporting`,
      );
    return cur;
  }
  return null;
}

/** relu() (left out after spikes, refused elsewhere) and scale(k) (a Scale node). */
export function stepFunctionNodes(name: string, f: NirStepFunction, cur: Cursor, b: GraphBuilder): Cursor {
  if (f.kind === 'relu') {
    if (!cur.spikes)
      throw new NirConversionError(
        `${name} (relu): NIR has no relu; it is exact only on spikes (it leaves 0 and 1 unchanged), and its input here does not spike`,
      );
    return cur;
  }
  const tail = b.chain(cur, name, { type: 'Scale', scale: nirArray(f.factor, cur.shape, 'float32') });
  return { tail, shape: cur.shape, spikes: false };
}

import {
  ArgumentError,
  formatShape,
  ShapeError,
  shapesEqual,
  sizeFromShape,
  type TensorInfo,
} from '@snn/core';

/**
 * Shapes of the fused neuron kernels: every `sequences` tensor is [T, ...n] with the same shape,
 * every `states` tensor is [...n]; all float32. Returns T, the neuron count and the neuron shape.
 */
export function sequenceSizes(
  op: string,
  sequences: Record<string, TensorInfo>,
  states: Record<string, TensorInfo> = {},
): { steps: number; neurons: number; neuronShape: number[] } {
  const [firstName, first] = Object.entries(sequences)[0];
  if (first.shape.length < 1) {
    throw new ShapeError(`${op}: ${firstName} must be [T, ...n], got ${formatShape(first.shape)}`);
  }
  for (const [name, s] of Object.entries({ ...sequences, ...states })) {
    if (s.dtype !== 'float32') throw new ArgumentError(`${op}: ${name} must be float32, got ${s.dtype}`);
  }
  for (const [name, s] of Object.entries(sequences)) {
    if (!shapesEqual(s.shape, first.shape)) {
      throw new ShapeError(
        `${op}: ${name} ${formatShape(s.shape)} must have the shape of ${firstName} ${formatShape(first.shape)}`,
      );
    }
  }
  const neuronShape = first.shape.slice(1);
  for (const [name, s] of Object.entries(states)) {
    if (!shapesEqual(s.shape, neuronShape)) {
      throw new ShapeError(
        `${op}: ${name} ${formatShape(s.shape)} must be one step of ${firstName} ${formatShape(first.shape)}, i.e. ${formatShape(neuronShape)}`,
      );
    }
  }
  return { steps: first.shape[0], neurons: sizeFromShape(neuronShape), neuronShape };
}

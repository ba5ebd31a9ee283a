import { formatShape, ShapeError, shapesEqual, type TensorInfo } from '@snn/core';

/**
 * Checks a fused kernel's shapes: every `sequences` tensor is [T, ...n] with one shape, every `states`
 * tensor is [...n]. Returns T and the per-step shape. Messages match the reference backend's.
 */
export function sequenceShape(
  op: string,
  sequences: Record<string, TensorInfo>,
  states: Record<string, TensorInfo> = {},
): { steps: number; neuronShape: number[] } {
  const [firstName, first] = Object.entries(sequences)[0];
  if (first.shape.length < 1) {
    throw new ShapeError(`${op}: ${firstName} must be [T, ...n], got ${formatShape(first.shape)}`);
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
  return { steps: first.shape[0], neuronShape };
}

import { ArgumentError } from '@snn/core';

/** Strides must be positive integers and pads non-negative integers (Conv2D, MaxPool and grads). */
export function checkWindowAttrs(
  op: string,
  strides: readonly [number, number],
  pads: readonly [number, number, number, number],
): void {
  if (strides.length !== 2 || strides.some((s) => !Number.isInteger(s) || s < 1)) {
    throw new ArgumentError(`${op}: strides must be two positive integers, got [${strides.join(', ')}]`);
  }
  if (pads.length !== 4 || pads.some((p) => !Number.isInteger(p) || p < 0)) {
    throw new ArgumentError(
      `${op}: pads must be four non-negative integers [top, bottom, left, right], got [${pads.join(', ')}]`,
    );
  }
}

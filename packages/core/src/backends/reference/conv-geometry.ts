import { ArgumentError, ShapeError } from '../../errors.js';
import { conv2dShape, formatShape } from '../../kernels/shape-utils.js';

/** Sizes of one Conv2D problem (NCHW input, OIHW weights), with pads [top, bottom, left, right]. */
export interface ConvGeometry {
  n: number;
  c: number;
  h: number;
  w: number;
  o: number;
  kh: number;
  kw: number;
  ho: number;
  wo: number;
  strideH: number;
  strideW: number;
  padTop: number;
  padLeft: number;
}

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
      `${op}: pads must be [top, bottom, left, right] non-negative integers, got [${pads.join(', ')}]`,
    );
  }
}

export function convGeometry(
  op: string,
  xShape: readonly number[],
  wShape: readonly number[],
  strides: readonly [number, number],
  pads: readonly [number, number, number, number],
): ConvGeometry {
  checkWindowAttrs(op, strides, pads);
  const [n, o, ho, wo] = conv2dShape(xShape, wShape, strides, pads);
  return {
    n,
    c: xShape[1],
    h: xShape[2],
    w: xShape[3],
    o,
    kh: wShape[2],
    kw: wShape[3],
    ho,
    wo,
    strideH: strides[0],
    strideW: strides[1],
    padTop: pads[0],
    padLeft: pads[2],
  };
}

/** Throws unless `actual` equals the shape a kernel expects for one of its inputs. */
export function expectShape(
  op: string,
  name: string,
  actual: readonly number[],
  expected: readonly number[],
): void {
  if (actual.length !== expected.length || actual.some((d, i) => d !== expected[i])) {
    throw new ShapeError(
      `${op}: ${name} has shape ${formatShape(actual)}, expected ${formatShape(expected)}`,
    );
  }
}

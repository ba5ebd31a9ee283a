import type { DType } from '../../tensor/tensor-info.js';
import { type KernelCase, t } from '../case-types.js';
import { coords, flat, product, range } from '../host-math.js';

/* Transpose, Slice, Concat, Pad, BroadcastTo and OneHot: expected by coordinate arithmetic. */

const values = (shape: number[], dtype: DType = 'float32') =>
  range(product(shape)).map((i) =>
    dtype === 'bool' ? ((i * 7) % 3 === 0 ? 1 : 0) : dtype === 'int32' ? i * 3 - 5 : i * 0.5 - 2,
  );

function transposeCase(shape: number[], perm: number[], dtype: DType = 'float32'): KernelCase {
  const x = values(shape, dtype);
  const outShape = perm.map((p) => shape[p]);
  const out = range(product(outShape)).map((i) => {
    const c = coords(i, outShape);
    const src = new Array<number>(shape.length);
    perm.forEach((p, d) => {
      src[p] = c[d];
    });
    return x[flat(src, shape)];
  });
  return {
    kernel: 'Transpose',
    name: `[${shape.join(', ')}] perm [${perm.join(', ')}] ${dtype}`,
    inputs: { x: t(x, shape, dtype) },
    attrs: { perm },
    expected: t(out, outShape, dtype),
  };
}

function sliceCase(shape: number[], begin: number[], size: number[], dtype: DType = 'float32'): KernelCase {
  const x = values(shape, dtype);
  const out = range(product(size)).map(
    (i) =>
      x[
        flat(
          coords(i, size).map((c, d) => c + begin[d]),
          shape,
        )
      ],
  );
  return {
    kernel: 'Slice',
    name: `[${shape.join(', ')}] begin [${begin.join(', ')}] size [${size.join(', ')}] ${dtype}`,
    inputs: { x: t(x, shape, dtype) },
    attrs: { begin, size },
    expected: t(out, size, dtype),
  };
}

function concatCase(shapes: number[][], axis: number, dtype: DType = 'float32'): KernelCase {
  const xs = shapes.map((s, k) => values(s, dtype).map((v) => (dtype === 'bool' ? v : v + 100 * k)));
  const outShape = [...shapes[0]];
  outShape[axis] = shapes.reduce((a, s) => a + s[axis], 0);
  const out = range(product(outShape)).map((i) => {
    const c = coords(i, outShape);
    let along = c[axis];
    let k = 0;
    while (along >= shapes[k][axis]) along -= shapes[k++][axis];
    const src = [...c];
    src[axis] = along;
    return xs[k][flat(src, shapes[k])];
  });
  return {
    kernel: 'Concat',
    name: `${shapes.map((s) => `[${s.join(', ')}]`).join(' + ')} axis ${axis} ${dtype}`,
    inputs: { xs: shapes.map((s, k) => t(xs[k], s, dtype)) },
    attrs: { axis },
    expected: t(out, outShape, dtype),
  };
}

function padCase(
  shape: number[],
  paddings: [number, number][],
  value: number,
  dtype: DType = 'float32',
): KernelCase {
  const x = values(shape, dtype);
  const outShape = shape.map((d, k) => d + paddings[k][0] + paddings[k][1]);
  const out = range(product(outShape)).map((i) => {
    const c = coords(i, outShape).map((x, d) => x - paddings[d][0]);
    return c.every((x, d) => x >= 0 && x < shape[d]) ? x[flat(c, shape)] : value;
  });
  return {
    kernel: 'Pad',
    name: `[${shape.join(', ')}] paddings ${JSON.stringify(paddings)} value ${value} ${dtype}`,
    inputs: { x: t(x, shape, dtype) },
    attrs: { paddings, value },
    expected: t(out, outShape, dtype),
  };
}

function broadcastToCase(shape: number[], to: number[], dtype: DType = 'float32'): KernelCase {
  const x = values(shape, dtype);
  const offset = to.length - shape.length;
  const out = range(product(to)).map((i) => {
    const c = coords(i, to);
    return x[
      flat(
        shape.map((d, k) => (d === 1 ? 0 : c[k + offset])),
        shape,
      )
    ];
  });
  return {
    kernel: 'BroadcastTo',
    name: `[${shape.join(', ')}] -> [${to.join(', ')}] ${dtype}`,
    inputs: { x: t(x, shape, dtype) },
    attrs: { shape: to },
    expected: t(out, to, dtype),
  };
}

function oneHotCase(
  indices: number[],
  shape: number[],
  depth: number,
  on: number,
  off: number,
  note = '',
): KernelCase {
  const out = indices.flatMap((k) => range(depth).map((j) => (j === k ? on : off)));
  return {
    kernel: 'OneHot',
    name: `indices [${shape.join(', ')}] depth ${depth} on ${on} off ${off}${note}`,
    inputs: { indices: t(indices, shape, 'int32') },
    attrs: { depth, onValue: on, offValue: off },
    expected: t(out, [...shape, depth]),
  };
}

export const movementCases: readonly KernelCase[] = [
  transposeCase([2, 3], [1, 0]),
  transposeCase([2, 3, 4], [2, 0, 1]),
  transposeCase([2, 3, 4], [0, 2, 1]),
  transposeCase([2, 1, 3, 2], [3, 2, 0, 1]),
  transposeCase([3, 2], [0, 1]),
  transposeCase([4], [0]),
  transposeCase([2, 3], [1, 0], 'int32'),
  transposeCase([2, 3], [1, 0], 'bool'),
  sliceCase([6], [2], [3]),
  sliceCase([4, 5], [1, 2], [2, 3]),
  sliceCase([3, 4, 5], [1, 0, 2], [2, 4, 1]),
  sliceCase([2, 3, 2, 3], [0, 1, 1, 0], [2, 2, 1, 3]),
  sliceCase([3, 3], [0, 0], [3, 3]),
  sliceCase([4, 3], [1, 0], [2, 3], 'int32'),
  sliceCase([4, 3], [2, 1], [2, 2], 'bool'),
  concatCase([[2], [3]], 0),
  concatCase(
    [
      [2, 3],
      [1, 3],
      [2, 3],
    ],
    0,
  ),
  concatCase(
    [
      [2, 1],
      [2, 3],
    ],
    1,
  ),
  concatCase(
    [
      [2, 2, 3],
      [2, 1, 3],
    ],
    1,
  ),
  concatCase(
    [
      [1, 2, 1, 2],
      [1, 2, 1, 3],
    ],
    3,
  ),
  concatCase([[2, 3]], 0),
  concatCase(
    [
      [2, 2],
      [2, 1],
    ],
    1,
    'int32',
  ),
  concatCase([[3], [2]], 0, 'bool'),
  padCase([3], [[1, 2]], 0),
  padCase(
    [2, 3],
    [
      [0, 1],
      [2, 0],
    ],
    -1.5,
  ),
  padCase(
    [2, 2],
    [
      [0, 0],
      [0, 0],
    ],
    7,
  ),
  padCase(
    [1, 2, 2, 3],
    [
      [0, 0],
      [0, 0],
      [1, 1],
      [2, 1],
    ],
    0,
  ),
  padCase(
    [2, 2],
    [
      [1, 0],
      [0, 1],
    ],
    9,
    'int32',
  ),
  broadcastToCase([3], [2, 3]),
  broadcastToCase([2, 1], [2, 3]),
  broadcastToCase([], [2, 2]),
  broadcastToCase([1, 3, 1], [2, 3, 4]),
  broadcastToCase([2, 3], [2, 3]),
  broadcastToCase([2, 1], [3, 2, 2], 'int32'),
  broadcastToCase([1, 2], [2, 2], 'bool'),
  oneHotCase([0, 3, 1], [3], 4, 1, 0),
  oneHotCase([2, 0, 1, 1], [2, 2], 3, 5, -1),
  oneHotCase([1], [], 2, 1, 0),
  oneHotCase([-1, 2, 4], [3], 3, 1, 0, ': indices outside [0, depth) give an all-off row'),
];

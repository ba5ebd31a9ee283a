import { cast, ShapeError, type Tensor, tensor } from '@snn/core';

/** Class labels as given by a user: an int32 tensor [B] or plain numbers. */
export type Targets = Tensor | Int32Array | readonly number[];

/** Labels as an int32 tensor [B]; `owned` says whether the caller must dispose it. */
export function targetsTensor(targets: Targets, op: string, batch: number): { t: Tensor; owned: boolean } {
  let t: Tensor;
  let owned = true;
  if (Array.isArray(targets) || targets instanceof Int32Array) {
    t = tensor(Int32Array.from(targets as ArrayLike<number>), [targets.length], 'int32');
  } else {
    const tt = targets as Tensor;
    t = tt.dtype === 'int32' ? tt : cast(tt, 'int32');
    owned = t !== tt;
  }
  if (t.rank !== 1 || t.shape[0] !== batch) {
    if (owned) t.dispose();
    throw new ShapeError(`${op}: targets must be [${batch}] class indices, got [${t.shape.join(', ')}]`);
  }
  return { t, owned };
}

import { ArgumentError, ShapeError } from '../errors.js';
import type { TensorInfo } from '../tensor/tensor-info.js';
import {
  broadcastIndex,
  broadcastShapes,
  conv2dShape,
  matMulShape,
  reduceShape,
  sequenceSizes,
  stridesFromShape,
} from './shape-utils.js';

describe('shape utils', () => {
  it('broadcasts like NumPy', () => {
    expect(broadcastShapes([2, 1, 3], [4, 1])).toEqual([2, 4, 3]);
    expect(broadcastShapes([], [5])).toEqual([5]);
  });
  it('names the op and both shapes when shapes do not broadcast', () => {
    expect(() => broadcastShapes([2, 3], [4], 'add')).toThrow(ShapeError);
    expect(() => broadcastShapes([2, 3], [4], 'add')).toThrow(
      'add: shapes [2, 3] and [4] cannot be broadcast together',
    );
  });
  it('computes reduction, matmul and conv shapes', () => {
    expect(reduceShape([2, 3, 4], [1], false)).toEqual([2, 4]);
    expect(reduceShape([2, 3, 4], [0, 2], true)).toEqual([1, 3, 1]);
    expect(matMulShape([5, 3], [4, 3], false, true)).toEqual([5, 4]);
    expect(matMulShape([2, 3, 5], [1, 3, 4], true, false)).toEqual([2, 5, 4]);
    expect(() => matMulShape([5, 3], [4, 3], false, false)).toThrow('inner dimensions differ');
    expect(conv2dShape([8, 1, 28, 28], [20, 1, 5, 5], [1, 1], [0, 0, 0, 0])).toEqual([8, 20, 24, 24]);
  });
  it('maps broadcast indices', () => {
    expect(stridesFromShape([2, 3, 4])).toEqual([12, 4, 1]);
    // out [2, 3], in [3]: element (1, 2) reads in[2]
    expect(broadcastIndex(5, [2, 3], [3])).toBe(2);
    // out [2, 3], in [2, 1]: element (1, 2) reads in[1]
    expect(broadcastIndex(5, [2, 3], [2, 1])).toBe(1);
  });

  describe('sequenceSizes', () => {
    const info = (shape: number[], dtype: TensorInfo['dtype'] = 'float32'): TensorInfo => ({
      dataId: {},
      shape,
      dtype,
    });
    it('returns T, the per-step size and shape', () => {
      expect(sequenceSizes('LIFSequence', { x: info([4, 2, 3]) }, { v0: info([2, 3]) })).toEqual({
        steps: 4,
        neurons: 6,
        neuronShape: [2, 3],
      });
    });
    it('names the op, the tensors and both shapes on a mismatch', () => {
      expect(() => sequenceSizes('LISequenceGrad', { dv: info([4, 3]), di: info([4, 2]) })).toThrow(
        'LISequenceGrad: di [4, 2] must have the shape of dv [4, 3]',
      );
      expect(() => sequenceSizes('LIFSequence', { x: info([4, 3]) }, { v0: info([4, 3]) })).toThrow(
        'LIFSequence: v0 [4, 3] must be one step of x [4, 3], i.e. [3]',
      );
      expect(() => sequenceSizes('LIFSequence', { x: info([]) })).toThrow(ShapeError);
    });
    it('rejects non-float32 inputs', () => {
      expect(() => sequenceSizes('SGDUpdate', { param: info([3]), grad: info([3], 'int32') })).toThrow(
        new ArgumentError("SGDUpdate: input 'grad' must be float32, got int32"),
      );
    });
  });
});

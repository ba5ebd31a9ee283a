import { createReferenceBackend } from '../backend/reference/reference-backend.js';
import { typedValues, writeTensorInfo } from './write-tensor.js';

describe('writeTensorInfo', () => {
  it('stores each dtype as its typed array and returns the kernel-facing TensorInfo', () => {
    const backend = createReferenceBackend();
    const f = writeTensorInfo(backend, [1.5, -2], [2]);
    expect(f).toMatchObject({ shape: [2], dtype: 'float32' });
    expect(backend.readSync(f.dataId)).toEqual(new Float32Array([1.5, -2]));
    const i = writeTensorInfo(backend, [3, -4, 5, 6], [2, 2], 'int32');
    expect(backend.readSync(i.dataId)).toEqual(new Int32Array([3, -4, 5, 6]));
    const b = writeTensorInfo(backend, [1, 0, 1], [3], 'bool');
    expect(backend.readSync(b.dataId)).toEqual(new Uint8Array([1, 0, 1]));
    expect(typedValues([2.7], 'int32')).toEqual(new Int32Array([2]));
  });
});

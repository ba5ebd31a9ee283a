import { OutOfMemoryError } from '../errors.js';
import { broadcastTo, scalar, setBackend } from '../index.js';

describe('allocation failures', () => {
  it('a kernel result the platform cannot allocate is an OutOfMemoryError naming the kernel', async () => {
    await setBackend('reference');
    const x = scalar(1);
    const t0 = performance.now();
    const error = (() => {
      try {
        broadcastTo(x, [2 ** 17, 2 ** 16]); // 2^33 float32 values: no typed array can hold them
      } catch (e) {
        return e;
      }
    })();
    expect(error).toBeInstanceOf(OutOfMemoryError);
    expect(error).toMatchObject({ kernel: 'BroadcastTo', backend: 'reference' });
    expect((error as Error).message).toMatch(
      /^out of memory: backend 'reference' could not allocate memory for kernel BroadcastTo \(/,
    );
    expect(performance.now() - t0).toBeLessThan(2000);
    x.dispose();
  });

  it('names the bytes when the backend knows them', () => {
    const e = new OutOfMemoryError(3 * 2 ** 30, 'tfjs-wasm', 'Conv2D', 'the WebAssembly heap stops at 4 GiB');
    expect(e.message).toBe(
      "out of memory: backend 'tfjs-wasm' could not allocate 3.00 GiB for kernel Conv2D (the WebAssembly heap stops at 4 GiB)",
    );
  });
});

import { WASM_BACKEND_PRIORITY } from '@snn/backend-wasm';
import { backendName, listBackends, registerBackend, removeBackend } from '@snn/core';
import { useBackend } from './backend.js';

/*
 * What `--backend auto` starts. @snn/backend-wasm trains every preset faster than tfjs-wasm and the
 * reference backend (measured by `npm run bench`, see the README), so it is the first choice whenever
 * it starts; where it cannot, auto falls through to the next in line. The tests run in this order:
 * the second replaces the wasm backend the first started.
 */
describe('useBackend("auto")', () => {
  test('starts @snn/backend-wasm, ranked above every tfjs backend and the reference backend', async () => {
    expect(await useBackend('auto')).toBe('wasm');
    expect(backendName()).toBe('wasm');
    const order = listBackends();
    expect(order[0]).toBe('wasm');
    for (const other of ['tfjs-wasm', 'tfjs-cpu', 'reference']) {
      expect(order.indexOf(other)).toBeGreaterThan(order.indexOf('wasm'));
    }
    expect(order.indexOf('tfjs-wasm')).toBeLessThan(order.indexOf('tfjs-cpu'));
    expect(order[order.length - 1]).toBe('reference');
  });

  test('falls through to tfjs-wasm when backend-wasm cannot start here', async () => {
    removeBackend('wasm');
    registerBackend(
      'wasm',
      () => {
        throw new Error('no WebAssembly SIMD in this runtime');
      },
      WASM_BACKEND_PRIORITY,
    );
    expect(await useBackend('auto')).toBe('tfjs-wasm');
  });
});

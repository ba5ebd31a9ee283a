import { BufferPool, sizeClass } from './buffer-pool.js';

test('sizeClass rounds up to powers of two below 4 KiB and quarter steps above', () => {
  expect(sizeClass(1)).toBe(16);
  expect(sizeClass(17)).toBe(32);
  expect(sizeClass(4096)).toBe(4096);
  expect(sizeClass(4097)).toBe(5120);
  expect(sizeClass(1_000_000)).toBe(1_048_576);
  for (const n of [5000, 12345, 1 << 20, 3_000_001]) {
    const c = sizeClass(n);
    expect(c).toBeGreaterThanOrEqual(n);
    expect(c).toBeLessThanOrEqual(n * 1.25 + 16);
    expect(c % 4).toBe(0);
  }
});

/** A fake device recording buffer creation: the pool logic needs no GPU. */
function fakeDevice() {
  const created: { size: number; usage: number; destroyed: boolean }[] = [];
  const device = {
    createBuffer: ({ size, usage }: { size: number; usage: number }) => {
      const b = { size, usage, destroyed: false, destroy: () => (b.destroyed = true) };
      created.push(b);
      return b;
    },
  };
  return { device: device as unknown as GPUDevice, created };
}

test('BufferPool reuses released buffers of the same class and usage only', () => {
  const { device, created } = fakeDevice();
  const pool = new BufferPool(device);
  const a = pool.acquire(100, 0x80);
  pool.release(a);
  expect(pool.acquire(120, 0x80)).toBe(a);
  expect(pool.acquire(100, 0x40)).not.toBe(a);
  expect(created.length).toBe(2);
  expect(pool.reused).toBe(1);
});

test('BufferPool destroys buffers beyond its free-byte cap and on clear', () => {
  const { device, created } = fakeDevice();
  const pool = new BufferPool(device, 256);
  const a = pool.acquire(200, 0x80);
  const b = pool.acquire(200, 0x80);
  pool.release(a);
  pool.release(b);
  expect(created.filter((c) => c.destroyed).length).toBe(1);
  pool.clear();
  expect(created.every((c) => c.destroyed)).toBe(true);
  expect(pool.allocatedBytes).toBe(0);
});

import * as snn from '@snn/core';
import { expectClose, fusedLifLiLossAndGrads, PROBE_SURROGATE } from '@snn/core/testing';
import { compileSurrogateProgram, MAX_REGISTERS } from './surrogate-program.js';
import { registerTestBackends, removeTestBackends, THREADED } from './test-utils/backends.js';

/*
 * Core's open surrogate set on this backend: every surrogate with an expression runs natively, the
 * built-ins through their fused formulas (csrc/surrogate.h), any other through its program
 * (csrc/expr.c). The two paths must agree: each built-in is also defined under a second name with
 * the same expression, which takes the program path.
 */
beforeAll(registerTestBackends);
afterAll(removeTestBackends);

const BUILTINS = ['superspike', 'atan', 'sigmoid', 'fastSigmoid', 'triangle', 'straightThrough'];
const copyOf = (name: string) => {
  const def = snn.getSurrogate(name) as snn.SurrogateDefinition;
  return snn.defineSurrogate({ name: `${name}ViaProgram`, alpha: def.alpha, derivative: def.derivative })
    .name;
};
const COPIES = Object.fromEntries(BUILTINS.map((name) => [name, copyOf(name)]));
const opsOnly = snn.defineSurrogate({
  name: 'wasmTestOpsOnly',
  alpha: 1,
  ops: (x, alpha) => snn.exp(snn.neg(snn.abs(snn.mul(x, alpha)))),
}).name;

const feedForward = (backend: string, method: string) =>
  fusedLifLiLossAndGrads(backend, method as snn.SpikeMethod);

test('supports every surrogate with an expression, none without one', async () => {
  await snn.setBackend('wasm-1t');
  const b = snn.getBackend();
  for (const name of [...BUILTINS, ...Object.values(COPIES), PROBE_SURROGATE.name]) {
    expect(b.supportsSurrogate?.(name)).toBe(true);
  }
  expect(b.supportsSurrogate?.(opsOnly)).toBe(false);
  expect(b.supportsSurrogate?.('neverDefined')).toBe(false);
});

test('compiles an expression into registers: x, the folded constants, one per operation', () => {
  // straight-through's derivative is the number 1: no instruction, the result is a constant register.
  expect([...(compileSurrogateProgram('straightThrough', 1) ?? [])]).toEqual([
    0,
    1,
    1,
    new Int32Array(Float32Array.of(1).buffer)[0],
  ]);
  // triangle, alpha * max(0, 1 - alpha*|x|): 5 instructions (abs, mul, sub, max, mul) over x and
  // the constants alpha, 1 and 0; the last instruction's register (1 + 3 + 4) is the result.
  const triangle = compileSurrogateProgram('triangle', 2) as Int32Array;
  expect([...triangle.slice(0, 3)]).toEqual([5, 3, 8]);
  expect(new Set([...new Float32Array(triangle.slice(3 + 6 * 5).buffer)])).toEqual(new Set([2, 1, 0]));
  expect(9).toBeLessThanOrEqual(MAX_REGISTERS);
  expect(compileSurrogateProgram(opsOnly, 1)).toBeUndefined();
});

describe.each(THREADED)('%s', (backend) => {
  test.each(BUILTINS)('%s: the compiled program equals the fused formula (SpikeGrad)', async (name) => {
    await snn.setBackend(backend);
    const alpha = (snn.getSurrogate(name) as snn.SurrogateDefinition).alpha;
    // x spans both sides of every branch edge and the tails; dy varies so a swapped index shows.
    const n = 4099; // not a multiple of the program's 64-value slices
    const xs = Float32Array.from({ length: n }, (_, k) => ((k % 401) - 200) / 80);
    const dys = Float32Array.from({ length: n }, (_, k) => 1 + (k % 7) / 4);
    const b = snn.getBackend();
    const info = (values: Float32Array) => ({
      dataId: b.write(values, [n], 'float32'),
      shape: [n],
      dtype: 'float32' as const,
    });
    const [x, dy] = [info(xs), info(dys)];
    const run = (surrogate: string) => {
      const out = (b.kernels.SpikeGrad as NonNullable<typeof b.kernels.SpikeGrad>)(
        { dy, x },
        { surrogate, alpha },
      ) as snn.TensorInfo;
      const values = b.readSync?.(out.dataId) as Float32Array;
      b.disposeData(out.dataId);
      return values;
    };
    expectClose(run(COPIES[name]), run(name), `${name} via program`, 2e-6, 1e-7);
    b.disposeData(x.dataId);
    b.disposeData(dy.dataId);
  });

  test.each(BUILTINS)(
    '%s: the compiled program equals the fused formula (LIF network gradients)',
    async (name) => {
      const fused = await feedForward(backend, name);
      const program = await feedForward(backend, COPIES[name]);
      expect(program.loss).toBe(fused.loss);
      expectClose(program.g1, fused.g1, 'dL/dw1', 1e-5, 1e-7);
      expectClose(program.g2, fused.g2, 'dL/dw2', 1e-5, 1e-7);
    },
  );

  test("runs core's conformance probe (every operation of the expression language) as the reference does", async () => {
    const method = PROBE_SURROGATE.name;
    const want = await feedForward('reference', method);
    const got = await feedForward(backend, method);
    expect(want.g1.some((g) => g !== 0)).toBe(true);
    expect(got.loss).toBeCloseTo(want.loss, 5);
    expectClose(got.g1, want.g1, 'dL/dw1', 1e-4, 1e-7);
    expectClose(got.g2, want.g2, 'dL/dw2', 1e-4, 1e-7);
  });
});

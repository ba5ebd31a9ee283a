import { type KernelCase, t } from '../case-types.js';
import { pseudoRandom } from '../host-math.js';

/*
 * LeakySequence against snnTorch Leaky's step equations simulated on the host in float64. Inputs are
 * multiples of 1/1024 and beta is 0.5 (or clamped to 1), so every intermediate is exact in float32 too:
 * the expected spikes and membranes are exact, spike decisions included.
 */

type Reset = 'subtract' | 'zero' | 'none';

function simulate(
  x: number[],
  xSteps: number,
  mem0: number[],
  beta: number,
  th: number,
  steps: number,
  reset: Reset,
  resetDelay: boolean,
): { spk: number[]; mem: number[] } {
  const n = mem0.length;
  const b = Math.min(1, Math.max(0, beta));
  let m = [...mem0];
  const spk: number[] = [];
  const mem: number[] = [];
  for (let step = 0; step < steps; step++) {
    const row = xSteps === 1 ? 0 : step * n;
    const next = m.map((mk, k) => {
      const r = mk > th ? 1 : 0;
      const input = x[row + k];
      let v =
        reset === 'subtract'
          ? mk * b + input - r * th
          : reset === 'zero'
            ? (1 - r) * mk * b + input
            : mk * b + input;
      const s = v > th ? 1 : 0;
      if (!resetDelay && reset !== 'none') v = reset === 'subtract' ? v - (s - r) * th : v - (s - r) * v;
      spk.push(s);
      return v;
    });
    mem.push(...next);
    m = next;
  }
  return { spk, mem };
}

function leakyCase(name: string, reset: Reset, resetDelay: boolean, repeat: boolean, beta = 0.5): KernelCase {
  const steps = 6;
  const neuronShape = [2, 3];
  const n = 6;
  const xSteps = repeat ? 1 : steps;
  const x = pseudoRandom(xSteps * n, 41 + steps, -0.5, 1.5);
  const mem0 = pseudoRandom(n, 43, -1, 2);
  const th = 0.75;
  const want = simulate(x, xSteps, mem0, beta, th, steps, reset, resetDelay);
  const shape = [steps, ...neuronShape];
  return {
    kernel: 'LeakySequence',
    name,
    inputs: {
      x: t(x, [xSteps, ...neuronShape]),
      mem0: t(mem0, neuronShape),
      beta: t([beta], []),
      threshold: t([th], [1]),
    },
    attrs: { steps, resetMechanism: reset, resetDelay },
    expected: [t(want.spk, shape), t(want.mem, shape)],
    tolerance: 0,
  };
}

export const leakyCases: readonly KernelCase[] = [
  leakyCase('subtract reset, delayed (snnTorch default)', 'subtract', true, false),
  leakyCase('subtract reset at once', 'subtract', false, false),
  leakyCase('zero reset, delayed', 'zero', true, false),
  leakyCase('zero reset at once', 'zero', false, false),
  leakyCase('no reset', 'none', true, false),
  leakyCase('one input row repeated at every step', 'subtract', true, true),
  leakyCase('beta above 1 is clamped to 1', 'subtract', true, false, 1.5),
];

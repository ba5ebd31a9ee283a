import { ENGINE } from '../engine/engine.js';
import {
  add,
  grads,
  mul,
  noGrad,
  randomUniform,
  reshape,
  scalar,
  stack,
  sum,
  type Tensor,
  tidy,
  unstack,
} from '../index.js';
import { type LeakyParameters, leakySequence, leakyStep } from './index.js';

/** The spikes and membranes of T leakyStep calls (the definition leakySequence must equal). */
function stepLoop(xs: Tensor[], mem: Tensor | null, p: LeakyParameters): [Tensor, Tensor] {
  const spk: Tensor[] = [];
  const mems: Tensor[] = [];
  let m = mem;
  for (const x of xs) {
    const [s, next] = leakyStep(x, m, p);
    spk.push(s);
    mems.push(next);
    m = next;
  }
  return [stack(spk, 0), stack(mems, 0)];
}

/** Runs `f`, recording every kernel name it runs. */
function kernelsOf(f: () => void): string[] {
  const names: string[] = [];
  const engine = ENGINE as unknown as { runKernel: (name: string, ...rest: unknown[]) => unknown };
  const run = engine.runKernel;
  engine.runKernel = function (this: unknown, name: string, ...rest: unknown[]) {
    names.push(name);
    return run.call(this, name, ...rest);
  };
  try {
    f();
  } finally {
    delete (engine as { runKernel?: unknown }).runKernel;
  }
  return names;
}

const uniform = (shape: number[], lo: number, hi: number, seed: number) =>
  randomUniform(shape, { low: lo, high: hi, seed });

describe('leakySequence', () => {
  const settings: [string, Partial<LeakyParameters>][] = [
    ['subtract, delayed reset', {}],
    ['subtract, reset at once', { resetDelay: false }],
    ['zero reset', { resetMechanism: 'zero' }],
    ['zero reset at once', { resetMechanism: 'zero', resetDelay: false }],
    ['no reset', { resetMechanism: 'none' }],
    ['threshold 0.8', { threshold: 0.8 }],
  ];
  it.each(settings)(
    'without a tape it is one LeakySequence kernel, equal to the step loop (%s)',
    (_n, extra) => {
      tidy(() => {
        const p: LeakyParameters = { beta: 0.95, ...extra };
        const x = uniform([7, 3, 5], -0.5, 1.2, 3);
        const mem = uniform([3, 5], 0, 1.5, 4);
        const [wantSpk, wantMem] = stepLoop(
          noGrad(() => unstack(x, 0)),
          mem,
          p,
        );
        let got = { spk: x, mem: x };
        const names = kernelsOf(() => {
          got = noGrad(() => leakySequence(x, mem, p));
        });
        expect(names.filter((n) => n === 'LeakySequence')).toHaveLength(1);
        expect(names).not.toContain('Spike');
        expect(got.spk.binary).toBe(true);
        expect(Array.from(got.spk.dataSync())).toEqual(Array.from(wantSpk.dataSync()));
        expect(Array.from(got.mem.dataSync())).toEqual(Array.from(wantMem.dataSync()));
      });
    },
  );

  it('with `steps`, one input presented at every step equals the loop over that input; mem null is zeros', () => {
    tidy(() => {
      const x = uniform([4, 6], -0.2, 0.9, 5);
      const [wantSpk, wantMem] = stepLoop(new Array<Tensor>(9).fill(x), null, { beta: 0.9 });
      const got = noGrad(() => leakySequence(x, null, { beta: scalar(0.9) }, 9));
      expect(got.spk.shape).toEqual([9, 4, 6]);
      expect(Array.from(got.spk.dataSync())).toEqual(Array.from(wantSpk.dataSync()));
      expect(Array.from(got.mem.dataSync())).toEqual(Array.from(wantMem.dataSync()));
    });
  });

  it("under a tape it runs the steps, so the gradients (input, learnable beta and threshold) are the loop's", () => {
    tidy(() => {
      const x = uniform([6, 2, 4], -0.3, 1.4, 7);
      const w = uniform([6, 2, 4], -1, 1, 8);
      const loss = (spk: Tensor, mem: Tensor) => add(sum(mul(mem, w)), sum(mul(spk, w)));
      const [gx, gb, gt] = grads((xs, beta, th) => {
        const r = leakySequence(xs, null, { beta, threshold: th });
        return loss(r.spk, r.mem);
      })([x, scalar(0.8), scalar(0.9)]);
      const [wx, wb, wt] = grads((xs, beta, th) => {
        const [spk, mem] = stepLoop(unstack(xs, 0), null, { beta, threshold: th });
        return loss(spk, mem);
      })([x, scalar(0.8), scalar(0.9)]);
      expect(Array.from(gx.dataSync())).toEqual(Array.from(wx.dataSync()));
      expect(gb.dataSync()[0]).toBe(wb.dataSync()[0]);
      expect(gt.dataSync()[0]).toBe(wt.dataSync()[0]);
      expect(Math.abs(gb.dataSync()[0])).toBeGreaterThan(0);
    });
  });

  it('per-neuron beta takes the step loop', () => {
    tidy(() => {
      const x = uniform([3, 2, 4], 0, 1, 9);
      const beta = reshape(uniform([4], 0.5, 1, 10), [4]);
      const names = kernelsOf(() => {
        noGrad(() => leakySequence(x, null, { beta }));
      });
      expect(names).not.toContain('LeakySequence');
    });
  });

  it('rejects a bad steps count and a membrane of another shape, naming both shapes', () => {
    tidy(() => {
      const x = uniform([3, 2, 4], 0, 1, 11);
      expect(() => leakySequence(x, null, { beta: 0.9 }, 0)).toThrow(
        'leakySequence: steps must be an integer >= 1, got 0',
      );
      expect(() => leakySequence(x, uniform([2, 5], 0, 1, 12), { beta: 0.9 })).toThrow(
        'leakySequence: mem [2, 5] must be one step of x, [2, 4]',
      );
    });
  });
});

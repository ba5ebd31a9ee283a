import { tensor, tidy } from '../index.js';
import { expectClose } from '../testing/fixtures.js';
import { synapticStep } from './index.js';

describe('snnTorch Synaptic', () => {
  it('integrates syn then mem, subtract reset one step late', () => {
    tidy(() => {
      const xs = [1, 0, 0].map((v) => tensor([v], [1]));
      const spk: number[] = [];
      const syn: number[] = [];
      const mem: number[] = [];
      let s = null;
      for (const x of xs) {
        const [z, next] = synapticStep(x, s, { alpha: 0.5, beta: 0.9, threshold: 1.2 });
        spk.push(z.dataSync()[0]);
        syn.push(next.syn.dataSync()[0]);
        mem.push(next.mem.dataSync()[0]);
        s = next;
      }
      // syn: 1, 0.5, 0.25; mem: 1, 0.9 + 0.5 = 1.4 (fires), 1.26 + 0.25 - 1.2 = 0.31.
      expect(spk).toEqual([0, 1, 0]);
      expectClose(syn, [1, 0.5, 0.25], 'syn');
      expectClose(mem, [1, 1.4, 0.31], 'mem');
    });
  });

  it('rejects an unknown reset mechanism', () => {
    expect(() =>
      synapticStep(tensor([1], [1]), null, { alpha: 0.5, beta: 0.5, resetMechanism: 'hard' as 'zero' }),
    ).toThrow(/resetMechanism must be 'subtract', 'zero' or 'none'/);
  });
});

import { matMul, sum, type Tensor, tensor, valueAndGrads } from '../index.js';
import { type LIFFeedForwardState, type LIState, liFeedForwardStep, lifFeedForwardStep } from './index.js';

// The README's example, as written there (imports from '@snn/core' resolve to these).
describe('README example', () => {
  it('runs and yields a gradient', () => {
    const w = tensor(
      [
        [0.5, -0.2],
        [0.1, 0.9],
      ],
      [2, 2],
    );
    const x = tensor(
      [
        [30, 0],
        [0, 30],
      ],
      [2, 2],
    );
    const { value, grads } = valueAndGrads(() => {
      let lif: LIFFeedForwardState | null = null;
      let li: LIState | null = null;
      let out: Tensor | undefined;
      for (let t = 0; t < 20; t++) {
        const [z, s] = lifFeedForwardStep(matMul(x, w, false, true), lif, { vTh: 0.5 });
        lif = s;
        [out, li] = liFeedForwardStep(z, li);
      }
      return sum(out!);
    }, [w]);
    expect(Number.isFinite(value.item())).toBe(true);
    expect(Array.from(grads[0].dataSync()).some((g) => g !== 0)).toBe(true);
  });
});

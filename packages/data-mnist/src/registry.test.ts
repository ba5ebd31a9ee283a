import { idxFileBytes } from './dataset-file.js';
import { DatasetError } from './errors.js';
import { DATASETS, getDatasetSpec, MNIST, splitSpec } from './registry.js';

describe('dataset registry', () => {
  it('looks names up by own keys only', () => {
    expect(getDatasetSpec('mnist')).toBe(MNIST);
    for (const name of ['__proto__', 'toString', 'constructor', 'hasOwnProperty']) {
      expect(() => getDatasetSpec(name as never)).toThrow(DatasetError);
      expect(() => getDatasetSpec(name as never)).toThrow(`unknown dataset '${name}'; known: mnist,`);
    }
    expect(() => splitSpec(MNIST, 'constructor')).toThrow(
      "unknown split 'constructor' of MNIST; known: train, test",
    );
  });

  it('pins the IDX content of MNIST and Fashion-MNIST, and knows every file size', () => {
    for (const id of ['mnist', 'fashion-mnist'] as const) {
      for (const split of ['train', 'test'] as const) {
        for (const kind of ['images', 'labels'] as const) {
          expect(DATASETS[id].splits[split][kind].contentSha256).toMatch(/^[0-9a-f]{64}$/);
        }
      }
    }
    expect(idxFileBytes(MNIST, 'train', 'images')).toBe(47_040_016);
    expect(idxFileBytes(MNIST, 'test', 'labels')).toBe(10_008);
  });
});

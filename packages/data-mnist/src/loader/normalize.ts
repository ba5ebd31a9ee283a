import { DatasetError } from '../errors.js';

/**
 * How pixel bytes become floats:
 * - 'standard': (x/255 - mean) / std with the dataset's mean/std (MNIST: 0.1307 / 0.3081, as in
 *   the PyTorch MNIST example and Norse/snnTorch tutorials);
 * - 'unit': x/255 in [0, 1] (what spike encoders such as Poisson rate coding expect);
 * - 'none': the raw byte value 0..255 as a float;
 * - { mean, std }: explicit statistics (of pixels scaled to [0, 1]).
 *
 * @example
 * ```ts
 * const train = await loadMnist({ split: 'train' });
 * new DataLoader(train, { normalize: 'unit' }); // x / 255, for rate encoders
 * new DataLoader(train, { normalize: { mean: 0.5, std: 0.5 } }); // (x / 255 - 0.5) / 0.5
 * ```
 */
export type Normalization =
  | 'standard'
  | 'unit'
  | 'none'
  | {
      /** Mean of the pixels scaled to [0, 1]. */
      readonly mean: number;
      /** Standard deviation of the pixels scaled to [0, 1]; must be > 0. */
      readonly std: number;
    };

/** A 256-entry lookup table: normalising a batch is then one table read per pixel. */
export function normalizationTable(
  normalize: Normalization,
  stats: { mean: number; std: number } | undefined,
): Float32Array {
  const lut = new Float32Array(256);
  if (normalize === 'none') {
    for (let v = 0; v < 256; v++) lut[v] = v;
    return lut;
  }
  if (normalize === 'unit') {
    for (let v = 0; v < 256; v++) lut[v] = v / 255;
    return lut;
  }
  const s = normalize === 'standard' ? stats : normalize;
  if (s === undefined) {
    throw new DatasetError(
      "normalize: 'standard' needs the dataset's mean and std; this dataset has none registered: " +
        "pass { mean, std } (e.g. from trainSet.pixelStats()) or use 'unit'",
    );
  }
  if (!(s.std > 0) || !Number.isFinite(s.mean)) {
    throw new DatasetError(`normalize: std must be > 0 and mean finite, got mean ${s.mean}, std ${s.std}`);
  }
  for (let v = 0; v < 256; v++) lut[v] = (v / 255 - s.mean) / s.std;
  return lut;
}

import { DatasetError } from './errors.js';
import type { IdxArray } from './idx/parse-idx.js';

/**
 * What {@link ImageDataset.fromIdx} checks a pair of IDX files against, and how it shapes the result.
 *
 * @example
 * ```ts
 * const imagesBytes = await readFile('t10k-images-idx3-ubyte');
 * const labelsBytes = await readFile('t10k-labels-idx1-ubyte');
 * const rules: LabelRules = { numClasses: 10, count: 10000, stats: { mean: 0.1307, std: 0.3081 } };
 * const test = ImageDataset.fromIdx(parseIdx(imagesBytes), parseIdx(labelsBytes), rules);
 * ```
 */
export interface LabelRules {
  /** Labels must lie in [labelMin, labelMin + numClasses - 1]. */
  readonly numClasses: number;
  /** The smallest valid label (default 0; EMNIST letters start at 1). */
  readonly labelMin?: number;
  /** Expected number of examples, when known (registry datasets). */
  readonly count?: number;
  /** Transpose every image (EMNIST stores images transposed relative to MNIST). */
  readonly transpose?: boolean;
  /** Pixel mean/std (of x/255) used by 'standard' normalisation, where established. */
  readonly stats?: PixelStats;
}

/** Pixel mean and standard deviation of x/255 over a training set, for 'standard' normalisation. */
export interface PixelStats {
  /** Mean pixel value, in [0, 1] (MNIST: 0.1307). */
  readonly mean: number;
  /** Standard deviation of the pixel value (MNIST: 0.3081). */
  readonly std: number;
}

/**
 * A labelled set of single-channel uint8 images, stored as one contiguous `images` buffer of
 * `length * height * width` bytes and one `labels` byte per image. Subsets are views where they
 * can be (a contiguous range) and copies of the selected rows otherwise.
 *
 * @example
 * ```ts
 * // Three 2×2 images of classes 0, 1 and 0; or load one: await loadMnist({ split: 'test' })
 * const pixels = new Uint8Array([0, 255, 255, 0, 9, 9, 9, 9, 255, 0, 0, 255]);
 * const ds = new ImageDataset(pixels, new Uint8Array([0, 1, 0]), 2, 2, 10);
 * console.log(ds.length, ds.imageSize); // 3 4
 * const loader = new DataLoader(ds, { batchSize: 2, normalize: 'unit' });
 * ```
 */
export class ImageDataset {
  /**
   * Wrap existing buffers (no copy). Throws {@link DatasetError} when `images` does not hold
   * `labels.length * height * width` bytes. Labels are not range-checked here; {@link ImageDataset.fromIdx} checks them.
   *
   * @example
   * ```ts
   * // Two 2×2 images of classes 0 and 1.
   * const ds = new ImageDataset(new Uint8Array([0, 255, 255, 0, 9, 9, 9, 9]), new Uint8Array([0, 1]), 2, 2, 10);
   * ds.length; // 2
   * ```
   */
  constructor(
    /** Pixels of every image, row-major, `length * height * width` bytes in 0..255. */
    readonly images: Uint8Array,
    /** One label byte per image. */
    readonly labels: Uint8Array,
    /** Image height in pixels. */
    readonly height: number,
    /** Image width in pixels. */
    readonly width: number,
    /** Number of classes; labels lie in [labelMin, labelMin + numClasses - 1]. */
    readonly numClasses: number,
    /** The smallest label (default 0; EMNIST letters start at 1). */
    readonly labelMin = 0,
    /** Mean/std for 'standard' normalisation (MNIST: 0.1307 / 0.3081); undefined when unknown. */
    readonly stats?: PixelStats,
  ) {
    if (images.length !== labels.length * height * width) {
      throw new DatasetError(
        `ImageDataset: ${labels.length} labels need ${labels.length * height * width} pixels, got ${images.length}`,
      );
    }
  }

  /**
   * Pair an images IDX ([N, H, W] ubyte) with a labels IDX ([N] ubyte), checking both.
   *
   * @param images - A parsed images file (`uint8`, shape `[N, height, width]`).
   * @param labels - A parsed labels file (`uint8`, shape `[N]`).
   * @param rules - Class count, label range, expected count, transpose and pixel stats.
   * @param files - Names used in error messages (default `images` / `labels`).
   * @throws {@link DatasetError} naming the file when a shape, dtype, count or label is wrong.
   * @example
   * ```ts
   * const imageBytes = await readFile('train-images-idx3-ubyte');
   * const labelBytes = await readFile('train-labels-idx1-ubyte');
   * const train = ImageDataset.fromIdx(parseIdx(imageBytes), parseIdx(labelBytes), { numClasses: 10 });
   * ```
   */
  static fromIdx(
    images: IdxArray,
    labels: IdxArray,
    rules: LabelRules,
    files: { images: string; labels: string } = { images: 'images', labels: 'labels' },
  ): ImageDataset {
    if (images.dtype !== 'uint8' || images.shape.length !== 3) {
      throw new DatasetError(
        `${files.images}: expected an images file of shape [N, height, width] ubyte, ` +
          `got [${images.shape.join(', ')}] ${images.dtype}`,
      );
    }
    if (labels.dtype !== 'uint8' || labels.shape.length !== 1) {
      throw new DatasetError(
        `${files.labels}: expected a labels file of shape [N] ubyte, got [${labels.shape.join(', ')}] ${labels.dtype}`,
      );
    }
    const [n, h, w] = images.shape;
    if (labels.shape[0] !== n) {
      throw new DatasetError(
        `image/label count mismatch: ${files.images} has ${n} images, ${files.labels} has ${labels.shape[0]} labels`,
      );
    }
    if (rules.count !== undefined && n !== rules.count) {
      throw new DatasetError(
        `${files.images}: expected ${rules.count} examples, got ${n}: wrong file or a different version`,
      );
    }
    const labelMin = rules.labelMin ?? 0;
    const labelMax = labelMin + rules.numClasses - 1;
    const lab = labels.data as Uint8Array;
    for (let i = 0; i < lab.length; i++) {
      const l = lab[i];
      if (l < labelMin || l > labelMax) {
        throw new DatasetError(
          `${files.labels}: label ${l} at index ${i} is outside [${labelMin}, ${labelMax}] ` +
            `(${rules.numClasses} classes)`,
        );
      }
    }
    let pixels = images.data as Uint8Array;
    if (rules.transpose) pixels = transposeImages(pixels, n, h, w);
    return new ImageDataset(
      pixels,
      lab,
      rules.transpose ? w : h,
      rules.transpose ? h : w,
      rules.numClasses,
      labelMin,
      rules.stats,
    );
  }

  /** Number of examples. */
  get length(): number {
    return this.labels.length;
  }

  /** Pixels per image: `height * width` (784 for MNIST). */
  get imageSize(): number {
    return this.height * this.width;
  }

  /** The pixels of image `i` (a view, no copy). */
  image(i: number): Uint8Array {
    const s = this.imageSize;
    return this.images.subarray(i * s, (i + 1) * s);
  }

  /**
   * Examples [start, end): views into this dataset's buffers, no copy. Bounds are whole numbers,
   * clamped to [0, length] as Array.prototype.slice clamps them (negative values count from 0).
   */
  slice(start: number, end = this.length): ImageDataset {
    for (const [what, v] of [
      ['start', start],
      ['end', end],
    ] as const) {
      if (!Number.isInteger(v)) throw new DatasetError(`slice: ${what} must be a whole number, got ${v}`);
    }
    const s = Math.max(0, Math.min(start, this.length));
    const e = Math.max(s, Math.min(end, this.length));
    return new ImageDataset(
      this.images.subarray(s * this.imageSize, e * this.imageSize),
      this.labels.subarray(s, e),
      this.height,
      this.width,
      this.numClasses,
      this.labelMin,
      this.stats,
    );
  }

  /** The first `limit` examples (a view). */
  take(limit: number): ImageDataset {
    return this.slice(0, limit);
  }

  /** The examples at `indices`, copied in that order. */
  select(indices: ArrayLike<number>): ImageDataset {
    const s = this.imageSize;
    const images = new Uint8Array(indices.length * s);
    const labels = new Uint8Array(indices.length);
    for (let k = 0; k < indices.length; k++) {
      const i = indices[k];
      if (!Number.isInteger(i) || i < 0 || i >= this.length) {
        throw new DatasetError(`select: index ${i} is outside [0, ${this.length - 1}]`);
      }
      images.set(this.images.subarray(i * s, (i + 1) * s), k * s);
      labels[k] = this.labels[i];
    }
    return new ImageDataset(
      images,
      labels,
      this.height,
      this.width,
      this.numClasses,
      this.labelMin,
      this.stats,
    );
  }

  /** How many examples carry each label (index 0 is label `labelMin`). */
  classCounts(): number[] {
    const counts = new Array<number>(this.numClasses).fill(0);
    for (let i = 0; i < this.labels.length; i++) counts[this.labels[i] - this.labelMin]++;
    return counts;
  }

  /** Mean and standard deviation of all pixels scaled to [0, 1]. */
  pixelStats(): PixelStats {
    const hist = new Float64Array(256);
    for (let i = 0; i < this.images.length; i++) hist[this.images[i]]++;
    let sum = 0;
    let sq = 0;
    for (let v = 0; v < 256; v++) {
      sum += hist[v] * (v / 255);
      sq += hist[v] * (v / 255) ** 2;
    }
    const n = this.images.length || 1;
    const mean = sum / n;
    return { mean, std: Math.sqrt(Math.max(0, sq / n - mean * mean)) };
  }
}

function transposeImages(src: Uint8Array, n: number, h: number, w: number): Uint8Array {
  const out = new Uint8Array(src.length);
  const s = h * w;
  for (let k = 0; k < n; k++) {
    const o = k * s;
    for (let y = 0; y < h; y++) for (let x = 0; x < w; x++) out[o + x * h + y] = src[o + y * w + x];
  }
  return out;
}

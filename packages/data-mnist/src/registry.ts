import { DatasetError } from './errors.js';

/**
 * Known IDX datasets: file names, official mirrors and checksums.
 *
 * What is pinned is the sha256 of each file's decompressed IDX content, the data itself: a copy
 * compressed by someone else (Debian's dataset-fashion-mnist re-gzips the upstream files, whose
 * `.gz` md5s then differ) or stored uncompressed still matches, a damaged or different file does not.
 * Sources (checked while writing this file):
 * - MNIST: content sha256 computed from the original files, which match torchvision's published
 *   `.gz` md5s (f68b3c2d..., d53e105e..., 9fb629c4..., ec29112d...); the same four values appear in
 *   other projects' pins of the raw IDX files. Mirrors as in torchvision, plus the Google Cloud copy
 *   TensorFlow uses.
 * - Fashion-MNIST: content sha256 of the upstream files (published `.gz` md5s 8d4fb7e6...,
 *   25c81989..., bef4ecab..., bb300cfd... in zalandoresearch/fashion-mnist's README); Debian's
 *   re-gzipped copy has the same content. The repository also serves the files under data/fashion.
 * - KMNIST: no content digest is published or at hand, so its published `.gz` md5s (torchvision)
 *   are checked; an uncompressed KMNIST copy is parsed and validated but not checksummed. Mirrors
 *   from rois-codh/kmnist README and torchvision.
 * - EMNIST: NIST publishes the IDX files only inside one 536 MB zip (gzip.zip, md5
 *   58c8d27c78d21e728a6bc7b3cc06412e); no per-file checksums are published, so EMNIST splits are
 *   loaded from a local directory only (no download, no checksum) and say so when missing.
 */

/** One published IDX file of a split: its name and the digests it is checked against. */
export interface FileSpec {
  /** File name as published (gzip). The uncompressed name (without `.gz`) is also accepted locally. */
  readonly name: string;
  /** Lower-case hex sha256 of the decompressed IDX content. Checked, whatever the compression, when given. */
  readonly contentSha256?: string;
  /** Lower-case hex digests of the published gzip file; checked only when no `contentSha256` is given. */
  readonly sha256?: string;
  /**
   * Lower-case hex md5 of the published gzip file (KMNIST); checked, like `sha256` and with it when
   * both are given, only when no `contentSha256` is given.
   */
  readonly md5?: string;
}

/** The image and label files of one split (`train` or `test`) and how many examples it holds. */
export interface SplitSpec {
  /** The IDX3 file of `count` images, each `height × width` unsigned bytes. */
  readonly images: FileSpec;
  /** The IDX1 file of `count` labels, one unsigned byte each. */
  readonly labels: FileSpec;
  /** Number of examples; checked after parsing. */
  readonly count: number;
}

/** The splits every dataset publishes, as torchvision's `train=True/False`. */
export type SplitName = 'train' | 'test';

/**
 * Everything needed to find, download, verify and decode one IDX dataset: the counterpart of a
 * torchvision dataset class (`torchvision.datasets.MNIST`, `FashionMNIST`, `KMNIST`, `EMNIST`).
 * Pass one of the built-in specs ({@link MNIST}, {@link DATASETS}) or your own for another IDX
 * dataset laid out the same way.
 *
 * @example
 * ```ts
 * import { DATASETS, loadDataset } from '@snn/data-mnist';
 * const spec = DATASETS['fashion-mnist'];
 * console.log(spec.title, spec.numClasses, spec.classes?.[0]); // Fashion-MNIST 10 T-shirt/top
 * ```
 */
export interface DatasetSpec {
  /** Short id; also the cache sub-folder name. */
  readonly id: string;
  /** Human-readable name used in messages, e.g. `Fashion-MNIST`. */
  readonly title: string;
  /** Where the dataset is published and described. */
  readonly homepage: string;
  /** Base URLs tried in order; a file's URL is `mirror + file.name`. Empty: local files only. */
  readonly mirrors: readonly string[];
  /** Environment variable naming a directory that holds the files. */
  readonly envVar: string;
  /** The files of the `train` and `test` splits. */
  readonly splits: Readonly<Record<SplitName, SplitSpec>>;
  /** Image height in pixels (28 for every built-in dataset). */
  readonly height: number;
  /** Image width in pixels (28 for every built-in dataset). */
  readonly width: number;
  /** Labels must lie in [labelMin, labelMin + numClasses - 1]. */
  readonly numClasses: number;
  /** Smallest valid label: 0, except EMNIST letters, whose labels run 1..26. */
  readonly labelMin: number;
  /** Class names indexed by `label - labelMin`, where the dataset publishes them. */
  readonly classes?: readonly string[];
  /** Per-pixel mean and std of the training images scaled to [0, 1], where established. */
  readonly mean?: number;
  /** Per-pixel standard deviation of the training images scaled to [0, 1] (MNIST: 0.3081). */
  readonly std?: number;
  /** EMNIST stores each image transposed relative to MNIST. */
  readonly transposed?: boolean;
  /** Shown when the files are missing and cannot be downloaded. */
  readonly howToGet?: string;
}

const MNIST_FILES = {
  train: {
    images: 'train-images-idx3-ubyte.gz',
    labels: 'train-labels-idx1-ubyte.gz',
  },
  test: {
    images: 't10k-images-idx3-ubyte.gz',
    labels: 't10k-labels-idx1-ubyte.gz',
  },
} as const;

const DIGITS = ['0', '1', '2', '3', '4', '5', '6', '7', '8', '9'];

/** LeCun et al.'s handwritten digits: 60 000 train / 10 000 test images, 28×28, labels 0..9 (torchvision `MNIST`). */
export const MNIST: DatasetSpec = {
  id: 'mnist',
  title: 'MNIST',
  homepage: 'http://yann.lecun.com/exdb/mnist/',
  mirrors: [
    'https://ossci-datasets.s3.amazonaws.com/mnist/',
    'https://storage.googleapis.com/cvdf-datasets/mnist/',
    'http://yann.lecun.com/exdb/mnist/',
  ],
  envVar: 'SNN_MNIST_DIR',
  splits: {
    train: {
      images: {
        name: MNIST_FILES.train.images,
        contentSha256: 'ba891046e6505d7aadcbbe25680a0738ad16aec93bde7f9b65e87a2fc25776db',
      },
      labels: {
        name: MNIST_FILES.train.labels,
        contentSha256: '65a50cbbf4e906d70832878ad85ccda5333a97f0f4c3dd2ef09a8a9eef7101c5',
      },
      count: 60000,
    },
    test: {
      images: {
        name: MNIST_FILES.test.images,
        contentSha256: '0fa7898d509279e482958e8ce81c8e77db3f2f8254e26661ceb7762c4d494ce7',
      },
      labels: {
        name: MNIST_FILES.test.labels,
        contentSha256: 'ff7bcfd416de33731a308c3f266cc351222c34898ecbeaf847f06e48f7ec33f2',
      },
      count: 10000,
    },
  },
  height: 28,
  width: 28,
  numClasses: 10,
  labelMin: 0,
  classes: DIGITS,
  mean: 0.1307,
  std: 0.3081,
};

/** Zalando's clothing images, a drop-in MNIST replacement: 60 000 / 10 000, 28×28, 10 classes (torchvision `FashionMNIST`). */
export const FASHION_MNIST: DatasetSpec = {
  id: 'fashion-mnist',
  title: 'Fashion-MNIST',
  homepage: 'https://github.com/zalandoresearch/fashion-mnist',
  mirrors: [
    'http://fashion-mnist.s3-website.eu-central-1.amazonaws.com/',
    'https://raw.githubusercontent.com/zalandoresearch/fashion-mnist/master/data/fashion/',
  ],
  envVar: 'SNN_FASHION_MNIST_DIR',
  splits: {
    train: {
      images: {
        name: MNIST_FILES.train.images,
        contentSha256: 'c59f468a2f672dc815687fe0f83887768d799fd8a3f3276145d20f83aa44d888',
      },
      labels: {
        name: MNIST_FILES.train.labels,
        contentSha256: 'bad3541b69d912435c50bb6ba87bec294ff4f6a2e1246121d8633921760443d9',
      },
      count: 60000,
    },
    test: {
      images: {
        name: MNIST_FILES.test.images,
        contentSha256: '5b4141f0afbad91edebe8549f8fcffe087ea10ca49f1dbef5c9a5cd8815ce37b',
      },
      labels: {
        name: MNIST_FILES.test.labels,
        contentSha256: '0402a96d92fd2663957122ceb108a494c5af83dab82d92729df917d7dec38c34',
      },
      count: 10000,
    },
  },
  height: 28,
  width: 28,
  numClasses: 10,
  labelMin: 0,
  classes: [
    'T-shirt/top',
    'Trouser',
    'Pullover',
    'Dress',
    'Coat',
    'Sandal',
    'Shirt',
    'Sneaker',
    'Bag',
    'Ankle boot',
  ],
};

/** Kuzushiji-MNIST, cursive Japanese hiragana: 60 000 / 10 000, 28×28, 10 classes (torchvision `KMNIST`). */
export const KMNIST: DatasetSpec = {
  id: 'kmnist',
  title: 'Kuzushiji-MNIST',
  homepage: 'https://github.com/rois-codh/kmnist',
  mirrors: [
    'https://storage.googleapis.com/kuzushiji-mnist/',
    'http://codh.rois.ac.jp/kmnist/dataset/kmnist/',
  ],
  envVar: 'SNN_KMNIST_DIR',
  splits: {
    train: {
      images: { name: MNIST_FILES.train.images, md5: 'bdb82020997e1d708af4cf47b453dcf7' },
      labels: { name: MNIST_FILES.train.labels, md5: 'e144d726b3acfaa3e44228e80efcd344' },
      count: 60000,
    },
    test: {
      images: { name: MNIST_FILES.test.images, md5: '5c965bf0a639b31b8f53240b1b52f4d7' },
      labels: { name: MNIST_FILES.test.labels, md5: '7320c461ea6c1c855c0b718fb2a4b134' },
      count: 10000,
    },
  },
  height: 28,
  width: 28,
  numClasses: 10,
  labelMin: 0,
  classes: ['o', 'ki', 'su', 'tsu', 'na', 'ha', 'ma', 'ya', 're', 'wo'],
};

/** The six EMNIST splits, as torchvision `EMNIST(split=...)`. */
export type EmnistSplit = 'balanced' | 'byclass' | 'bymerge' | 'digits' | 'letters' | 'mnist';

/** Sizes and class counts from Cohen et al. 2017, "EMNIST: an extension of MNIST to handwritten letters". */
const EMNIST_SIZES: Record<
  EmnistSplit,
  { train: number; test: number; numClasses: number; labelMin: number }
> = {
  balanced: { train: 112800, test: 18800, numClasses: 47, labelMin: 0 },
  byclass: { train: 697932, test: 116323, numClasses: 62, labelMin: 0 },
  bymerge: { train: 697932, test: 116323, numClasses: 47, labelMin: 0 },
  digits: { train: 240000, test: 40000, numClasses: 10, labelMin: 0 },
  letters: { train: 124800, test: 20800, numClasses: 26, labelMin: 1 },
  mnist: { train: 60000, test: 10000, numClasses: 10, labelMin: 0 },
};

function emnist(split: EmnistSplit): DatasetSpec {
  const s = EMNIST_SIZES[split];
  const file = (part: SplitName, kind: 'images-idx3' | 'labels-idx1') => ({
    name: `emnist-${split}-${part}-${kind}-ubyte.gz`,
  });
  return {
    id: `emnist-${split}`,
    title: `EMNIST ${split}`,
    homepage: 'https://www.nist.gov/itl/products-and-services/emnist-dataset',
    mirrors: [],
    envVar: 'SNN_EMNIST_DIR',
    splits: {
      train: { images: file('train', 'images-idx3'), labels: file('train', 'labels-idx1'), count: s.train },
      test: { images: file('test', 'images-idx3'), labels: file('test', 'labels-idx1'), count: s.test },
    },
    height: 28,
    width: 28,
    numClasses: s.numClasses,
    labelMin: s.labelMin,
    transposed: true,
    howToGet:
      'EMNIST is published only as one zip archive (gzip.zip, md5 58c8d27c78d21e728a6bc7b3cc06412e) on ' +
      'the NIST EMNIST page; unzip it and put the emnist-*.gz files of this split in the directory.',
  };
}

/**
 * The EMNIST splits (Cohen et al. 2017), loaded from a local directory only (`SNN_EMNIST_DIR`):
 * NIST publishes them in one zip without per-file checksums. Images are stored transposed and are
 * turned upright when loaded.
 */
export const EMNIST: Readonly<Record<EmnistSplit, DatasetSpec>> = {
  balanced: emnist('balanced'),
  byclass: emnist('byclass'),
  bymerge: emnist('bymerge'),
  digits: emnist('digits'),
  letters: emnist('letters'),
  mnist: emnist('mnist'),
};

/**
 * The built-in datasets by name: the names {@link getDatasetSpec} and the loaders accept.
 *
 * @example
 * ```ts
 * import { DATASETS } from '@snn/data-mnist';
 * console.log(Object.keys(DATASETS)); // ['mnist', 'fashion-mnist', 'kmnist', 'emnist-balanced', ...]
 * ```
 */
export const DATASETS = {
  /** {@link MNIST}. */
  mnist: MNIST,
  /** {@link FASHION_MNIST}. */
  'fashion-mnist': FASHION_MNIST,
  /** {@link KMNIST}. */
  kmnist: KMNIST,
  /** EMNIST balanced: 47 classes, 112 800 / 18 800 images. */
  'emnist-balanced': EMNIST.balanced,
  /** EMNIST by class: 62 classes (digits, upper and lower case), 697 932 / 116 323 images. */
  'emnist-byclass': EMNIST.byclass,
  /** EMNIST by merge: 47 classes (similar upper/lower case letters merged), 697 932 / 116 323 images. */
  'emnist-bymerge': EMNIST.bymerge,
  /** EMNIST digits: 10 classes, 240 000 / 40 000 images. */
  'emnist-digits': EMNIST.digits,
  /** EMNIST letters: 26 classes labelled 1..26, 124 800 / 20 800 images. */
  'emnist-letters': EMNIST.letters,
  /** EMNIST's MNIST-sized digits: 10 classes, 60 000 / 10 000 images. */
  'emnist-mnist': EMNIST.mnist,
} as const satisfies Record<string, DatasetSpec>;

/** The name of a built-in dataset: a key of {@link DATASETS}. */
export type DatasetName = keyof typeof DATASETS;

/**
 * Look a dataset up by name, or pass a custom spec through; an unknown name throws a DatasetError
 * listing the known ones.
 *
 * @param dataset - A name of {@link DATASETS} ('mnist', 'fashion-mnist', 'kmnist', 'emnist-...') or a spec.
 * @example
 * ```ts
 * const spec = getDatasetSpec('kmnist');
 * console.log(spec.title, spec.envVar, spec.numClasses); // Kuzushiji-MNIST SNN_KMNIST_DIR 10
 * ```
 */
export function getDatasetSpec(dataset: DatasetName | DatasetSpec): DatasetSpec {
  if (typeof dataset !== 'string') return dataset;
  // Own keys only: '__proto__' or 'toString' are not data sets.
  const spec = Object.hasOwn(DATASETS, dataset)
    ? (DATASETS as Record<string, DatasetSpec>)[dataset]
    : undefined;
  if (spec === undefined) {
    throw new DatasetError(`unknown dataset '${dataset}'; known: ${Object.keys(DATASETS).join(', ')}`);
  }
  return spec;
}

/**
 * The files of one split; the split name is checked (own keys only: 'train' or 'test').
 *
 * @param spec - The dataset.
 * @param split - 'train' or 'test' (anything else throws a DatasetError).
 * @example
 * ```ts
 * const { images, labels, count } = splitSpec(MNIST, 'test');
 * console.log(images.name, labels.name, count); // t10k-images-idx3-ubyte.gz t10k-labels-idx1-ubyte.gz 10000
 * ```
 */
export function splitSpec(spec: DatasetSpec, split: string): SplitSpec {
  if (!Object.hasOwn(spec.splits, split)) {
    throw new DatasetError(
      `unknown split '${split}' of ${spec.title}; known: ${Object.keys(spec.splits).join(', ')}`,
    );
  }
  return spec.splits[split as SplitName];
}

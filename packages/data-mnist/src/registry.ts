import { DatasetError } from './errors.js';

/**
 * Known IDX datasets: file names, official mirrors and checksums.
 *
 * Sources (checked while writing this file):
 * - MNIST: md5 from torchvision `datasets/mnist.py`; sha256 computed from the original files
 *   (they also sit in the repo's shared/data/mnist/SHA256SUMS). Mirrors as in torchvision, plus
 *   the Google Cloud copy TensorFlow uses.
 * - Fashion-MNIST: md5 from zalandoresearch/fashion-mnist README (same in torchvision); the repo
 *   itself also serves the files under data/fashion.
 * - KMNIST: md5 from torchvision; mirrors from rois-codh/kmnist README and torchvision.
 * - EMNIST: NIST publishes the IDX files only inside one 536 MB zip (gzip.zip, md5
 *   58c8d27c78d21e728a6bc7b3cc06412e); no per-file checksums are published, so EMNIST splits are
 *   loaded from a local directory only (no download, no checksum) and say so when missing.
 */

export interface FileSpec {
  /** File name as published (gzip). The uncompressed name (without `.gz`) is also accepted locally. */
  readonly name: string;
  /** Lower-case hex digests of the published (gzip) file. */
  readonly sha256?: string;
  readonly md5?: string;
}

export interface SplitSpec {
  readonly images: FileSpec;
  readonly labels: FileSpec;
  /** Number of examples; checked after parsing. */
  readonly count: number;
}

export type SplitName = 'train' | 'test';

export interface DatasetSpec {
  /** Short id; also the cache sub-folder name. */
  readonly id: string;
  readonly title: string;
  readonly homepage: string;
  /** Base URLs tried in order; a file's URL is `mirror + file.name`. Empty: local files only. */
  readonly mirrors: readonly string[];
  /** Environment variable naming a directory that holds the files. */
  readonly envVar: string;
  readonly splits: Readonly<Record<SplitName, SplitSpec>>;
  readonly height: number;
  readonly width: number;
  /** Labels must lie in [labelMin, labelMin + numClasses - 1]. */
  readonly numClasses: number;
  readonly labelMin: number;
  readonly classes?: readonly string[];
  /** Per-pixel mean and std of the training images scaled to [0, 1], where established. */
  readonly mean?: number;
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
        sha256: '440fcabf73cc546fa21475e81ea370265605f56be210a4024d2ca8f203523609',
        md5: 'f68b3c2dcbeaaa9fbdd348bbdeb94873',
      },
      labels: {
        name: MNIST_FILES.train.labels,
        sha256: '3552534a0a558bbed6aed32b30c495cca23d567ec52cac8be1a0730e8010255c',
        md5: 'd53e105ee54ea40749a09fcbcd1e9432',
      },
      count: 60000,
    },
    test: {
      images: {
        name: MNIST_FILES.test.images,
        sha256: '8d422c7b0a1c1c79245a5bcf07fe86e33eeafee792b84584aec276f5a2dbc4e6',
        md5: '9fb629c4189551a2d022fa330f9573f3',
      },
      labels: {
        name: MNIST_FILES.test.labels,
        sha256: 'f7ae60f92e00ec6debd23a6088c31dbd2371eca3ffa0defaefb259924204aec6',
        md5: 'ec29112dd5afa0611ce80d1b7f02629c',
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
      images: { name: MNIST_FILES.train.images, md5: '8d4fb7e6c68d591d4c3dfef9ec88bf0d' },
      labels: { name: MNIST_FILES.train.labels, md5: '25c81989df183df01b3e8a0aad5dffbe' },
      count: 60000,
    },
    test: {
      images: { name: MNIST_FILES.test.images, md5: 'bef4ecab320f06d8554ea6380940ec79' },
      labels: { name: MNIST_FILES.test.labels, md5: 'bb300cfdad3c16e7a12a480ee83cd310' },
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

export const EMNIST: Readonly<Record<EmnistSplit, DatasetSpec>> = {
  balanced: emnist('balanced'),
  byclass: emnist('byclass'),
  bymerge: emnist('bymerge'),
  digits: emnist('digits'),
  letters: emnist('letters'),
  mnist: emnist('mnist'),
};

export const DATASETS = {
  mnist: MNIST,
  'fashion-mnist': FASHION_MNIST,
  kmnist: KMNIST,
  'emnist-balanced': EMNIST.balanced,
  'emnist-byclass': EMNIST.byclass,
  'emnist-bymerge': EMNIST.bymerge,
  'emnist-digits': EMNIST.digits,
  'emnist-letters': EMNIST.letters,
  'emnist-mnist': EMNIST.mnist,
} as const satisfies Record<string, DatasetSpec>;

export type DatasetName = keyof typeof DATASETS;

/** Look a dataset up by name, or pass a custom spec through. */
export function getDatasetSpec(dataset: DatasetName | DatasetSpec): DatasetSpec {
  if (typeof dataset !== 'string') return dataset;
  const spec = (DATASETS as Record<string, DatasetSpec>)[dataset];
  if (spec === undefined) {
    throw new DatasetError(`unknown dataset '${dataset}'; known: ${Object.keys(DATASETS).join(', ')}`);
  }
  return spec;
}

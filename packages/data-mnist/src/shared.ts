// Platform-free parts, shared by the Node and browser entry points.

export { type FileKind, idxFileBytes, type Platform, readDatasetFile } from './dataset-file.js';
export type { ByteSink, DownloadOptions, DownloadProgress } from './download/download.js';
export { downloadVerified } from './download/download.js';
export type { HashAlgorithm, Hasher, HasherFactory } from './download/hash.js';
export { expectedDigests, verifyBytes } from './download/hash.js';
export {
  ChecksumError,
  DataMnistError,
  DataNotFoundError,
  DatasetError,
  type DownloadAttempt,
  DownloadError,
  describeAttempts,
  IdxFormatError,
  type NotFoundDetails,
} from './errors.js';
export { decodeIdx, type Gunzip, inflateIdx, isGzip } from './idx/decode-idx.js';
export { encodeIdx } from './idx/encode-idx.js';
export { IDX_DTYPES, type IdxDType, type IdxTypedArray } from './idx/idx-dtypes.js';
export { type IdxArray, parseIdx } from './idx/parse-idx.js';
export { ImageDataset, type LabelRules, type PixelStats } from './image-dataset.js';
export {
  type Batch,
  DataLoader,
  type DataLoaderOptions,
  randomSplit,
  toFloat32,
} from './loader/data-loader.js';
export type { Normalization } from './loader/normalize.js';
export { mulberry32, permutation } from './loader/prng.js';
export {
  DATASETS,
  type DatasetName,
  type DatasetSpec,
  EMNIST,
  type EmnistSplit,
  FASHION_MNIST,
  type FileSpec,
  getDatasetSpec,
  KMNIST,
  MNIST,
  type SplitName,
  type SplitSpec,
  splitSpec,
} from './registry.js';

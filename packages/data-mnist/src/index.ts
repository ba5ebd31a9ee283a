// Node entry point (package.json "node"/"default" condition): the shared code plus file-system
// sources, the user cache and downloads through node:fs, node:zlib and node:crypto.

export { defaultCacheRoot } from './node/cache-dir.js';
export {
  type LoadOptions,
  loadDataset,
  loadDatasetSplits,
  loadIdxFile,
  loadIdxPair,
  loadMnist,
  resolveDatasetFiles,
} from './node/load-dataset.js';
export { type LocateOptions, searchPlaces } from './node/locate.js';
export * from './shared.js';

// Browser entry point (package.json "browser" condition): the shared code plus loading over
// fetch, with DecompressionStream('gzip') and SubtleCrypto/@noble/hashes for verification.
// Nothing here touches node:* modules.
export * from '../shared.js';
export {
  type BrowserLoadOptions,
  loadDataset,
  loadDatasetSplits,
  loadIdxFromUrl,
  loadMnist,
} from './load-dataset.js';
export { type FilesLoadOptions, loadDatasetFromFiles, type NamedBlob } from './load-files.js';
export { openMemorySink, webGunzip, webHasher } from './web-platform.js';

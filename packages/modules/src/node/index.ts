// Node-only helpers (file system). Kept out of the main entry so `@snn/modules` stays browser-safe.
export { fileCheckpointStore, jsonLinesFile, writeFileAtomic } from './file-store.js';
export { makeDirectory } from './make-directory.js';

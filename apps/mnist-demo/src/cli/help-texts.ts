/** Help for --data-dir, shared by every command that reads a data set. */
export const DATA_HELP =
  'folder with the four IDX files (gzip or raw); default: $SNN_MNIST_DIR, then the cache ~/.cache/snn, then a download';

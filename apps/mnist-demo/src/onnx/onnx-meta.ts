/**
 * Keys of the metadata the app adds to its ONNX files (read back by `infer` and by the web app).
 * A file of its own, free of the exporter, so a front end can read them without bundling it.
 */
export const ONNX_META = {
  preset: 'mnist_demo.preset',
  encoder: 'mnist_demo.encoder',
  dataset: 'mnist_demo.dataset',
  normalization: 'mnist_demo.normalization',
  pixelStats: 'mnist_demo.pixel_stats',
  steps: 'mnist_demo.steps',
} as const;

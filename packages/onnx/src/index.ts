// Node: the exporter, and loadOnnx over onnxruntime-node (bundlers for browsers pick ./browser).
export { loadOnnx } from './node/load-onnx.js';
export { writeOnnx } from './node/write-onnx.js';
export * from './shared.js';

// Browsers: the exporter, and loadOnnx over onnxruntime-web.
export * from '../shared.js';
export { loadOnnx } from './load-onnx.js';

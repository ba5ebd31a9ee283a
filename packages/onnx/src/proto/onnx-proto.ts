// The ONNX protobuf schema (onnx.proto3 of ONNX 1.10.2, IR version 8) compiled by protobufjs, as the
// `onnx-proto` package ships it. A CommonJS module: its namespace is on the default export.
import onnxProto from 'onnx-proto';

/**
 * The ONNX protobuf namespace (`ModelProto`, `GraphProto`, `TensorProto`, ...) compiled by
 * protobufjs: decode an exported file to inspect it, or encode one built by hand.
 *
 * @example
 * ```ts
 * const net = new RecurrentSNN(784, 100, 10);
 * const model = onnx.ModelProto.decode(await exportOnnx(net, { inputShape: [784], steps: 25 }));
 * console.log(model.opsetImport?.[0]?.version, model.graph?.node?.length); // 17, ...
 * ```
 */
export const onnx = onnxProto.onnx;
export type ModelProto = import('onnx-proto').onnx.IModelProto;
export type GraphProto = import('onnx-proto').onnx.IGraphProto;
export type NodeProto = import('onnx-proto').onnx.INodeProto;
export type TensorProto = import('onnx-proto').onnx.ITensorProto;
export type ValueInfoProto = import('onnx-proto').onnx.IValueInfoProto;
export type AttributeProto = import('onnx-proto').onnx.IAttributeProto;

/** ONNX element types used here (TensorProto.DataType). */
export const DataType = {
  float32: onnx.TensorProto.DataType.FLOAT,
  uint8: onnx.TensorProto.DataType.UINT8,
  int32: onnx.TensorProto.DataType.INT32,
  int64: onnx.TensorProto.DataType.INT64,
  bool: onnx.TensorProto.DataType.BOOL,
} as const;
export type ElemType = keyof typeof DataType;

export const AttributeType = onnx.AttributeProto.AttributeType;

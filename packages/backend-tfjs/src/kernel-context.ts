import {
  ArgumentError,
  type DType,
  formatShape,
  type KernelAttrs,
  type KernelInputs,
  type KernelName,
  shapesEqual,
  type TensorInfo,
} from '@snn/core';
import * as tf from '@tensorflow/tfjs-core';
import { TfData } from './tf-data.js';
import type { TfBackendKind } from './tf-runtime.js';

/** What each kernel file gets: access to input tensors and a way to hand results back to core. */
export interface TfKernelContext {
  /** Which tfjs backend runs the kernels, for kernels whose fastest formulation differs. */
  readonly tfBackend: TfBackendKind;
  /**
   * The tf.Tensor behind `info`, viewed with info's shape (core's reshape is metadata only). Callable
   * inside or outside `run`: a view is owned by the data (TfData.view), never by the caller.
   */
  get(info: TensorInfo): tf.Tensor;
  /**
   * A tensor computed from `info` by `make` and cached with its data (see TfData.derive): for
   * kernels that would otherwise recompute it on every call, e.g. a transposed weight matrix.
   */
  derived(info: TensorInfo, key: string, make: (t: tf.Tensor) => tf.Tensor): tf.Tensor;
  /** Runs `fn` in a tf.tidy scope and wraps the one tensor it returns as fresh data for core. */
  run(fn: () => tf.Tensor): TensorInfo;
  /** Same for kernels with several outputs, in the documented order. */
  runMany(fn: () => tf.Tensor[]): TensorInfo[];
}

/** One kernel written against tfjs: the KernelFunction shape plus the context. */
export type TfKernel<K extends KernelName> = (
  ctx: TfKernelContext,
  inputs: KernelInputs<K>,
  attrs: KernelAttrs<K>,
) => TensorInfo | TensorInfo[];

function asDType(dtype: string): DType {
  if (dtype === 'float32' || dtype === 'int32' || dtype === 'bool') return dtype;
  throw new ArgumentError(`tfjs backend: tfjs produced a '${dtype}' tensor, which @snn cannot hold`);
}

/**
 * The one place where tf.Tensors become core data. Every result leaves tf.tidy as a tensor (never
 * as a typed array: returning large values out of tidy walks them element by element), is kept
 * against any enclosing tf scope, and is registered with the backend's live set.
 */
export class TfKernelRunner implements TfKernelContext {
  constructor(
    readonly tfBackend: TfBackendKind,
    private readonly activate: () => void,
    private readonly track: (data: TfData) => void,
  ) {}

  get(info: TensorInfo): tf.Tensor {
    const data = info.dataId as TfData;
    if (!(data instanceof TfData) || data.disposed) {
      throw new ArgumentError('tfjs backend: a kernel input is disposed or belongs to another backend');
    }
    const t = data.tensor;
    if (t.dtype !== info.dtype) {
      throw new ArgumentError(`tfjs backend: input declared ${info.dtype} but holds ${t.dtype}`);
    }
    if (shapesEqual(t.shape, info.shape)) return t;
    if (t.size !== info.shape.reduce((a, b) => a * b, 1)) {
      throw new ArgumentError(
        `tfjs backend: input of shape ${formatShape(t.shape)} viewed as ${formatShape(info.shape)}`,
      );
    }
    return data.view(info.shape);
  }

  derived(info: TensorInfo, key: string, make: (t: tf.Tensor) => tf.Tensor): tf.Tensor {
    const t = this.get(info);
    return (info.dataId as TfData).derive(`${key}:${info.shape.join(',')}`, () => make(t));
  }

  /*
   * A kernel that returns an input unchanged (or one tensor twice) would let two DataIds share one
   * tf.Tensor, and disposing one would free the other: such results are cloned (tfjs shares the
   * data). Every tensor this backend owns went through tf.keep, so `kept` marks the inputs; fresh
   * results of a tidy are never kept. (This path is per kernel call: no Sets or WeakSets here.)
   */
  run(fn: () => tf.Tensor): TensorInfo {
    this.activate();
    const t = tf.tidy(() => {
      const raw = fn();
      return raw.kept ? tf.clone(raw) : raw;
    });
    return this.output(t);
  }

  runMany(fn: () => tf.Tensor[]): TensorInfo[] {
    this.activate();
    const outs = tf.tidy(() => fn().map((t, k, all) => (t.kept || all.indexOf(t) !== k ? tf.clone(t) : t)));
    return outs.map((t) => this.output(t));
  }

  private output(t: tf.Tensor): TensorInfo {
    tf.keep(t);
    return { dataId: this.adopt(t), shape: t.shape, dtype: asDType(t.dtype) };
  }

  /** Wraps a kept tensor this backend now owns. */
  adopt(t: tf.Tensor): TfData {
    const data = new TfData(t);
    this.track(data);
    return data;
  }
}

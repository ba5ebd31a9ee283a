import {
  type DType,
  type KernelAttrs,
  type KernelInputs,
  type KernelName,
  sizeFromShape,
  type TensorInfo,
} from '@snn/core';
import type { WasmRuntime } from '../runtime/runtime.js';
import { BYTES, WasmData } from '../wasm-data.js';

/** What a kernel of this backend sees: the runtime, the data behind inputs, and output allocation. */
export interface WasmKernelContext {
  readonly rt: WasmRuntime;
  /** Fraction of ones below which a spike operand takes the event-driven kernel. */
  readonly spikeDensityCutover: number;
  /** The data behind an input; `kernel` names the kernel in the error for foreign or freed data. */
  data(info: TensorInfo, kernel: string): WasmData;
  /**
   * The data behind an input without writing deferred values (WasmData.pendingWrite): only for
   * reading what is cached on it (a spike index); call `data` before reading the values.
   */
  peek(info: TensorInfo, kernel: string): WasmData;
  /** A fresh output of `shape` and `dtype` (uninitialised). */
  output(shape: readonly number[], dtype: DType, kernel: string): { info: TensorInfo; data: WasmData };
  /** A temporary block (free with `freeTemp`). */
  temp(bytes: number, kernel: string): number;
  freeTemp(ptr: number, bytes: number): void;
  /** Frees an output made by `output` that the kernel will not return. */
  release(data: WasmData): void;
  /** An output sharing `size` elements of `source`'s memory from element `offset` (a contiguous slice). */
  view(source: WasmData, offset: number, shape: readonly number[]): { info: TensorInfo; data: WasmData };
}

export type WasmKernel<K extends KernelName> = (
  inputs: KernelInputs<K>,
  attrs: KernelAttrs<K>,
  ctx: WasmKernelContext,
) => TensorInfo | TensorInfo[];

export function makeData(rt: WasmRuntime, shape: readonly number[], dtype: DType, kernel: string): WasmData {
  const size = sizeFromShape(shape);
  const bytes = size * BYTES[dtype];
  return new WasmData(rt.heap.alloc(bytes, kernel), bytes, size, dtype);
}

/** Runs `run` with a temporary block of `bytes` (per-thread scratch of a kernel), freed afterwards. */
export function withTemp<T>(
  ctx: WasmKernelContext,
  bytes: number,
  kernel: string,
  run: (ptr: number) => T,
): T {
  const ptr = ctx.temp(bytes, kernel);
  try {
    return run(ptr);
  } finally {
    ctx.freeTemp(ptr, bytes);
  }
}

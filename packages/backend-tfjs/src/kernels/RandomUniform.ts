import { ArgumentError, createReferenceBackend, type KernelBackend } from '@snn/core';
import * as tf from '@tensorflow/tfjs-core';
import type { TfKernel } from '../kernel-context.js';

let philoxHost: KernelBackend | undefined;

/**
 * Core's Philox4x32-10 stream, generated on the host by core's reference RandomUniform kernel (the
 * executable specification, so the bits match by construction) and uploaded once. tfjs has no
 * unsigned 32-bit or 64-bit integer ops to run Philox as tensor ops, and on cpu/wasm tfjs runs on the
 * host anyway: the only extra cost is one copy. (core does not export its `uniformFloat32` helper;
 * if it does one day, call it directly.)
 */
export const RandomUniform: TfKernel<'RandomUniform'> = (ctx, _inputs, attrs) => {
  const { shape } = attrs;
  if (shape.some((d) => !Number.isInteger(d) || d < 0)) {
    throw new ArgumentError(
      `RandomUniform: shape must hold non-negative integers, got [${shape.join(', ')}]`,
    );
  }
  philoxHost ??= createReferenceBackend();
  const host = philoxHost;
  const out = host.kernels.RandomUniform?.({}, attrs);
  const info = Array.isArray(out) ? out[0] : out;
  if (info == null || host.readSync == null)
    throw new ArgumentError('RandomUniform: core reference kernel missing');
  const values = host.readSync(info.dataId);
  host.disposeData(info.dataId);
  return ctx.run(() => tf.tensor(values, shape.slice(), 'float32'));
};

import * as tf from '@tensorflow/tfjs-core';
import type { TfKernel } from '../kernel-context.js';
import { unary, withNaNOf } from './helpers.js';

/** -1, 0 or 1, and NaN for NaN (tfjs's sign gives 0 there, on cpu and wasm). */
export const Sign: TfKernel<'Sign'> = unary((x) => withNaNOf(tf.sign(x), x));

import * as tf from '@tensorflow/tfjs-core';
import type { TfKernel } from '../kernel-context.js';
import { unary } from './helpers.js';

export const Reciprocal: TfKernel<'Reciprocal'> = unary((x) => tf.reciprocal(x));

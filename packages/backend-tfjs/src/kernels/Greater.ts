import * as tf from '@tensorflow/tfjs-core';
import type { TfKernel } from '../kernel-context.js';
import { comparison } from './helpers.js';

export const Greater: TfKernel<'Greater'> = comparison((a, b) => tf.greater(a, b));

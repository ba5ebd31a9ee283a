import * as tf from '@tensorflow/tfjs-core';
import type { TfKernel } from '../kernel-context.js';
import { comparison } from './helpers.js';

export const Equal: TfKernel<'Equal'> = comparison((a, b) => tf.equal(a, b));

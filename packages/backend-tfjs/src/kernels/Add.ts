import * as tf from '@tensorflow/tfjs-core';
import type { TfKernel } from '../kernel-context.js';
import { arithmetic } from './helpers.js';

export const Add: TfKernel<'Add'> = arithmetic((a, b) => tf.add(a, b));

import * as tf from '@tensorflow/tfjs-core';
import type { TfKernel } from '../kernel-context.js';
import { comparison } from './helpers.js';

export const Less: TfKernel<'Less'> = comparison((a, b) => tf.less(a, b));

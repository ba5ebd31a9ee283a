import * as tf from '@tensorflow/tfjs-core';
import type { TfKernel } from '../kernel-context.js';
import { comparison } from './helpers.js';

export const NotEqual: TfKernel<'NotEqual'> = comparison((a, b) => tf.notEqual(a, b));

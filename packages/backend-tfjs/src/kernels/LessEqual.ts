import * as tf from '@tensorflow/tfjs-core';
import type { TfKernel } from '../kernel-context.js';
import { comparison } from './helpers.js';

export const LessEqual: TfKernel<'LessEqual'> = comparison((a, b) => tf.lessEqual(a, b));

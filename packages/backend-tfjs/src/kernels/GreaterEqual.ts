import * as tf from '@tensorflow/tfjs-core';
import type { TfKernel } from '../kernel-context.js';
import { comparison } from './helpers.js';

export const GreaterEqual: TfKernel<'GreaterEqual'> = comparison((a, b) => tf.greaterEqual(a, b));

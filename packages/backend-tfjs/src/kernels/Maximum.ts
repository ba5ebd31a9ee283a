import * as tf from '@tensorflow/tfjs-core';
import type { TfKernel } from '../kernel-context.js';
import { arithmetic } from './helpers.js';

export const Maximum: TfKernel<'Maximum'> = arithmetic((a, b) => tf.maximum(a, b));

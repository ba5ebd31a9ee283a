import * as tf from '@tensorflow/tfjs-core';
import type { TfKernel } from '../kernel-context.js';
import { arithmetic } from './helpers.js';

export const Sub: TfKernel<'Sub'> = arithmetic((a, b) => tf.sub(a, b));

import * as tf from '@tensorflow/tfjs-core';
import type { TfKernel } from '../kernel-context.js';
import { arithmetic } from './helpers.js';

export const Minimum: TfKernel<'Minimum'> = arithmetic((a, b) => tf.minimum(a, b));

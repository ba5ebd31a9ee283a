import * as tf from '@tensorflow/tfjs-core';
import type { TfKernel } from '../kernel-context.js';
import { arithmetic } from './helpers.js';

export const Pow: TfKernel<'Pow'> = arithmetic((a, b) => tf.pow(a, b));

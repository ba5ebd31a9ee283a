import * as tf from '@tensorflow/tfjs-core';
import type { TfKernel } from '../kernel-context.js';
import { arithmetic } from './helpers.js';

export const Mul: TfKernel<'Mul'> = arithmetic((a, b) => tf.mul(a, b));

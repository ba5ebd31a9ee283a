import * as tf from '@tensorflow/tfjs-core';
import type { TfKernel } from '../kernel-context.js';
import { unary } from './helpers.js';

export const Sign: TfKernel<'Sign'> = unary((x) => tf.sign(x));

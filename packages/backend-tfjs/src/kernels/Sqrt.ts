import * as tf from '@tensorflow/tfjs-core';
import type { TfKernel } from '../kernel-context.js';
import { unary } from './helpers.js';

export const Sqrt: TfKernel<'Sqrt'> = unary((x) => tf.sqrt(x));

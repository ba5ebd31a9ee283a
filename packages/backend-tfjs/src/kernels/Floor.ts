import * as tf from '@tensorflow/tfjs-core';
import type { TfKernel } from '../kernel-context.js';
import { unary } from './helpers.js';

export const Floor: TfKernel<'Floor'> = unary((x) => tf.floor(x));

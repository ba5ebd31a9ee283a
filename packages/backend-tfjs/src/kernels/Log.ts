import * as tf from '@tensorflow/tfjs-core';
import type { TfKernel } from '../kernel-context.js';
import { unary } from './helpers.js';

export const Log: TfKernel<'Log'> = unary((x) => tf.log(x));

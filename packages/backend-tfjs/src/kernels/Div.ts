import * as tf from '@tensorflow/tfjs-core';
import type { TfKernel } from '../kernel-context.js';
import { arithmetic } from './helpers.js';

/** a / b; for int32 tfjs's div is already floor division, as @snn's contract says. */
export const Div: TfKernel<'Div'> = arithmetic((a, b) => tf.div(a, b));

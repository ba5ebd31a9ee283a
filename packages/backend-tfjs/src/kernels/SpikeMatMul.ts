import type { TfKernel } from '../kernel-context.js';
import { MatMul } from './MatMul.js';

/**
 * tfjs has no sparse product that pays off at MNIST spike densities inside its kernels, so a spike
 * MatMul is the dense MatMul (with the same per-backend transpose choice). Registered so core's
 * dispatch reaches it in one call rather than through its decomposition.
 */
export const SpikeMatMul: TfKernel<'SpikeMatMul'> = (ctx, inputs, attrs) => MatMul(ctx, inputs, attrs);

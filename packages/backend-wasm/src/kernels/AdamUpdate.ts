import type { WasmKernel } from './kernel.js';

/** PyTorch Adam (L2 weight decay, no amsgrad), step already incremented; [param, m, v]. */
export const AdamUpdate: WasmKernel<'AdamUpdate'> = ({ param, grad, m, v }, attrs, ctx) => {
  const { lr, beta1, beta2, eps, weightDecay, step } = attrs;
  const [dp, dg, dm, dv] = [param, grad, m, v].map((t) => ctx.data(t, 'AdamUpdate'));
  const outs = [0, 1, 2].map(() => ctx.output(param.shape, 'float32', 'AdamUpdate'));
  if (dp.size > 0) {
    ctx.rt.call(
      'snn_adam',
      dp.size * 16,
      dp.ptr,
      dg.ptr,
      dm.ptr,
      dv.ptr,
      outs[0].data.ptr,
      outs[1].data.ptr,
      outs[2].data.ptr,
      dp.size,
      lr,
      beta1,
      beta2,
      eps,
      weightDecay,
      1 - beta1 ** step,
      1 - beta2 ** step,
    );
  }
  return outs.map((o) => o.info);
};

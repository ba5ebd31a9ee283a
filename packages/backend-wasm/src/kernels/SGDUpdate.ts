import type { WasmKernel } from './kernel.js';

/** PyTorch SGD (momentum, dampening, nesterov, L2 weight decay); [param, buf]. */
export const SGDUpdate: WasmKernel<'SGDUpdate'> = ({ param, grad, buf }, attrs, ctx) => {
  const [dp, dg, db] = [param, grad, buf].map((t) => ctx.data(t, 'SGDUpdate'));
  const p = ctx.output(param.shape, 'float32', 'SGDUpdate');
  const b = ctx.output(param.shape, 'float32', 'SGDUpdate');
  if (dp.size > 0) {
    ctx.rt.call(
      'snn_sgd',
      dp.size * 8,
      dp.ptr,
      dg.ptr,
      db.ptr,
      p.data.ptr,
      b.data.ptr,
      dp.size,
      attrs.lr,
      attrs.momentum,
      attrs.dampening,
      attrs.nesterov ? 1 : 0,
      attrs.weightDecay,
      attrs.firstStep ? 1 : 0,
    );
  }
  return [p.info, b.info];
};

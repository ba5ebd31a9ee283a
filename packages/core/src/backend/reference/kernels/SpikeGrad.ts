import { ArgumentError } from '../../../errors.js';
import { hostSurrogateArray, surrogateNames } from '../../../surrogate/registry.js';
import type { ReferenceKernel } from '../reference-kernel.js';

/** dy * surrogate'(x), the backward of a Heaviside spike, with the surrogate's host formula. */
export const SpikeGrad: ReferenceKernel<'SpikeGrad'> = ({ dy, x }, { surrogate, alpha }, store) => {
  const dyv = store.getFloat(dy);
  const xv = store.getFloat(x);
  const derivative = hostSurrogateArray(surrogate, alpha) ?? unsupportedSurrogate('SpikeGrad', surrogate);
  const d = derivative(xv);
  const out = new Float32Array(xv.length);
  for (let k = 0; k < out.length; k++) out[k] = dyv[k] * d[k];
  return store.output(out, x.shape, 'float32');
};

/** A surrogate with neither an expression nor a host formula (or none at all): not native here. */
export function unsupportedSurrogate(op: string, name: string): never {
  throw new ArgumentError(
    `${op}: the reference backend has no host formula for surrogate '${name}' (defined: ${surrogateNames().join(', ')}); core runs its decomposition instead`,
  );
}

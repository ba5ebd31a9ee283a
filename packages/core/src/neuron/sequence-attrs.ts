import type { KernelAttrs, LIFSequenceAttrs } from '../kernels/kernel-signatures.js';
import { fusedSurrogate } from '../surrogate/resolve.js';
import type { LIParameters } from './li.js';
import type { LIFParameters } from './lif.js';
import { allNumbers } from './param.js';

/*
 * The fused neuron kernels' attributes from a neuron's parameters, shared by the sequence layers
 * (lif-sequence.ts, li-sequence.ts) and the single steps that run as those kernels with T = 1
 * (fused-step.ts). undefined when the kernel cannot express the neuron: a parameter is a tensor, or
 * (LIF) the spike function has no named surrogate; the callers then run the step ops.
 */

/** LIFSequence's attrs for a LIF with parameters `p` (lifParameters' output). */
export function lifSequenceAttrs(
  p: LIFParameters,
  dt: number,
  detachReset: boolean,
): LIFSequenceAttrs | undefined {
  const fused = fusedSurrogate(p.method, p.alpha);
  if (fused === undefined || !allNumbers(p.tauSynInv, p.tauMemInv, p.vLeak, p.vTh, p.vReset))
    return undefined;
  return {
    tauSynInv: p.tauSynInv as number,
    tauMemInv: p.tauMemInv as number,
    vLeak: p.vLeak as number,
    vTh: p.vTh as number,
    vReset: p.vReset as number,
    dt,
    surrogate: fused.surrogate,
    alpha: fused.alpha,
    detachReset,
  };
}

/** LISequence's attrs for a leaky integrator with parameters `p` (liParameters' output). */
export function liSequenceAttrs(p: LIParameters, dt: number): KernelAttrs<'LISequence'> | undefined {
  if (!allNumbers(p.tauSynInv, p.tauMemInv, p.vLeak)) return undefined;
  return { tauSynInv: p.tauSynInv as number, tauMemInv: p.tauMemInv as number, vLeak: p.vLeak as number, dt };
}

import {
  type LIFParameters,
  lifCurrentEncoder,
  lifFeedForwardSpikesFromState,
  maximum,
  mul,
  stack,
  sub,
  type Tensor,
  tidy,
  zerosLike,
} from '@snn/core';
import { checkNonNegative, checkSeqLength } from './validate.js';

/**
 * Norse `constant_current_lif_encode`: x is a constant input current; a LIF neuron per element
 * (Norse's `lif_current_encoder`: v += dt * tauMemInv * ((vLeak - v) + x), spike when v > vTh, then
 * v -= z * (v - vReset)) is simulated for seqLength steps from v = 0. Returns spikes [seqLength, ...x.shape].
 * Differentiable in x through the surrogate of `p.method` (Norse's 'super' by default).
 *
 * @param x - The constant input current, any shape.
 * @param seqLength - Number of time steps T.
 * @param p - LIF parameters (tauMemInv in 1/s, default 100; vTh default 1); Norse's defaults.
 * @param dt - Time step in seconds, default 1e-3.
 * @example
 * ```ts
 * // Norse: constant_current_lif_encode(x, seq_length=100, p=LIFParameters(), dt=1e-3)
 * const spikes = constantCurrentLIFEncode(tensor([20, 1.5]), 100, {}, 1e-3); // [100, 2]
 * console.log(sum(spikes, 0).dataSync()); // [100, 9]: a larger current fires more often
 * ```
 */
export function constantCurrentLIFEncode(
  x: Tensor,
  seqLength: number,
  p: Partial<LIFParameters> = {},
  dt = 0.001,
): Tensor {
  checkLIFEncoderArgs('constantCurrentLIFEncode', seqLength, dt);
  // lif_current_encoder is lif_feed_forward_step with a synaptic current that never decays
  // (tauSynInv 0) and stays the input x, and no input after the start: the neurons run on their
  // initial state alone. Where no gradient is recorded that is one LIFSpikesFromState kernel, which
  // neither makes nor reads a [seqLength, ...x.shape] input of zeros; while recording, the fused
  // LIFSequence of that zero input (differentiable in x). The spikes are the same either way.
  return tidy(() =>
    lifFeedForwardSpikesFromState({ v: zerosLike(x), i: x }, seqLength, { ...p, tauSynInv: 0 }, dt),
  );
}

/**
 * Norse `spike_latency_lif_encode`: the constant-current LIF encoder with an infinite refractory period,
 * i.e. only each neuron's first spike is kept. Returns [seqLength, ...x.shape].
 *
 * @param x - The constant input current, any shape.
 * @param seqLength - Number of time steps T.
 * @param p - LIF parameters (tauMemInv in 1/s, default 100; vTh default 1); Norse's defaults.
 * @param dt - Time step in seconds, default 1e-3.
 * @example
 * ```ts
 * // Norse: spike_latency_lif_encode(x, seq_length=100)
 * const spikes = spikeLatencyLIFEncode(tensor([20, 1.5]), 100); // [100, 2], one spike per neuron at most
 * console.log(sum(spikes, 0).dataSync()); // [1, 1]
 * ```
 */
export function spikeLatencyLIFEncode(
  x: Tensor,
  seqLength: number,
  p: Partial<LIFParameters> = {},
  dt = 0.001,
): Tensor {
  checkLIFEncoderArgs('spikeLatencyLIFEncode', seqLength, dt);
  return tidy(() => {
    let v = zerosLike(x);
    let fired = zerosLike(x);
    const spikes: Tensor[] = [];
    for (let t = 0; t < seqLength; t++) {
      const [z, vNext] = lifCurrentEncoder(x, v, p, dt);
      spikes.push(mul(z, sub(1, fired)));
      fired = maximum(fired, z);
      v = vNext;
    }
    return stack(spikes, 0);
  });
}

function checkLIFEncoderArgs(fn: string, seqLength: number, dt: number): void {
  checkSeqLength(fn, seqLength);
  checkNonNegative(fn, 'dt', dt, true);
}

/**
 * Norse `ConstantCurrentLIFEncoder(seq_length, p=LIFParameters(), dt=0.001)`.
 *
 * @example
 * ```ts
 * // Norse: encoder = ConstantCurrentLIFEncoder(seq_length=100)
 * const encoder = new ConstantCurrentLIFEncoder(100, { tauMemInv: 100 }, 1e-3);
 * console.log(sum(encoder.forward(tensor([20, 1.5])), 0).dataSync()); // [100, 9]
 * ```
 */
export class ConstantCurrentLIFEncoder {
  /** Number of time steps T of the output. */
  readonly seqLength: number;
  /** LIF parameters of the encoding neurons (Norse's LIFParameters defaults for fields left out). */
  readonly p: Partial<LIFParameters>;
  /** Integration time step in seconds, default 0.001. */
  readonly dt: number;

  constructor(seqLength: number, p: Partial<LIFParameters> = {}, dt = 0.001) {
    checkLIFEncoderArgs('ConstantCurrentLIFEncoder', seqLength, dt);
    this.seqLength = seqLength;
    this.p = p;
    this.dt = dt;
  }

  /** Input currents [...shape] -> spikes [seqLength, ...shape]. */
  forward(x: Tensor): Tensor {
    return constantCurrentLIFEncode(x, this.seqLength, this.p, this.dt);
  }
}

/**
 * Norse `SpikeLatencyLIFEncoder(seq_length, p=LIFParameters(), dt=0.001)`: first spike only.
 *
 * @example
 * ```ts
 * // Norse: encoder = SpikeLatencyLIFEncoder(seq_length=100)
 * const encoder = new SpikeLatencyLIFEncoder(100);
 * const spikes = encoder.forward(tensor([20, 1.5])); // [100, 2]: the stronger current fires first
 * console.log(sum(spikes, 0).dataSync()); // [1, 1]
 * ```
 */
export class SpikeLatencyLIFEncoder {
  /** Number of time steps T of the output. */
  readonly seqLength: number;
  /** LIF parameters of the encoding neurons (Norse's LIFParameters defaults for fields left out). */
  readonly p: Partial<LIFParameters>;
  /** Integration time step in seconds, default 0.001. */
  readonly dt: number;

  constructor(seqLength: number, p: Partial<LIFParameters> = {}, dt = 0.001) {
    checkLIFEncoderArgs('SpikeLatencyLIFEncoder', seqLength, dt);
    this.seqLength = seqLength;
    this.p = p;
    this.dt = dt;
  }

  /** Input currents [...shape] -> spikes [seqLength, ...shape], at most one per neuron. */
  forward(x: Tensor): Tensor {
    return spikeLatencyLIFEncode(x, this.seqLength, this.p, this.dt);
  }
}

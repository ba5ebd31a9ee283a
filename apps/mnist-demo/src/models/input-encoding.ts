import { noGrad, type Tensor } from '@snn/core';
import { constantCurrentLIFEncode, poissonEncode, rate, spikeLatencyLIFEncode } from '@snn/encoders';
import type { EncoderName } from '../presets.js';

/**
 * Network input for one batch: a spike (or current) sequence [T, B, ...], or for `direct` encoding the
 * unencoded batch [B, ...] that the network presents at every one of its T steps (snnTorch tutorial 5;
 * the network then computes the first layer once instead of T times).
 */
export type EncodedInput =
  | { readonly kind: 'sequence'; readonly x: Tensor }
  | { readonly kind: 'static'; readonly x: Tensor; readonly steps: number };

export interface EncodeOptions {
  readonly encoder: EncoderName;
  readonly steps: number;
  /** Norse PoissonEncoder maximum rate (Hz) at dt 1 ms. */
  readonly poissonFMax: number;
  /** Seed of this batch's random stream (stochastic encoders). */
  readonly seed: number;
}

/**
 * Encodes pixels (already normalised the preset's way) into the network's input. Encoding needs no
 * gradient, so no tape is recorded for it.
 */
export function encodeInput(x: Tensor, options: EncodeOptions): EncodedInput {
  const { steps } = options;
  if (options.encoder === 'direct') return { kind: 'static', x, steps };
  const spikes = noGrad(() => {
    switch (options.encoder) {
      case 'constant-current':
        return constantCurrentLIFEncode(x, steps);
      case 'spike-latency':
        return spikeLatencyLIFEncode(x, steps);
      case 'poisson':
        return poissonEncode(x, steps, { fMax: options.poissonFMax, dt: 0.001, seed: options.seed });
      case 'rate':
        return rate(x, steps, { seed: options.seed });
      default:
        throw new Error(`encodeInput: no encoder '${options.encoder}'`);
    }
  });
  return { kind: 'sequence', x: spikes };
}

/**
 * A batch's encoder seed as a pure function of the run seed, the epoch and the batch, so stochastic
 * input is the same in a resumed run as in an uninterrupted one (no encoder state to checkpoint).
 * `stream` separates training (0), evaluation (1) and pictures (2).
 */
export function batchSeed(runSeed: number, stream: number, epoch: number, batch: number): number {
  // splitmix32-style mixing of the four numbers into 32 bits.
  let h = (runSeed ^ 0x9e3779b9) >>> 0;
  for (const v of [stream, epoch, batch]) {
    h = Math.imul(h ^ v, 0x85ebca6b) >>> 0;
    h = (h ^ (h >>> 13)) >>> 0;
    h = Math.imul(h, 0xc2b2ae35) >>> 0;
    h = (h ^ (h >>> 16)) >>> 0;
  }
  return h;
}

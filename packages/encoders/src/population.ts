import {
  ArgumentError,
  arange,
  div,
  exp,
  expandDims,
  max,
  mul,
  reshape,
  square,
  sub,
  type Tensor,
  tidy,
} from '@snn/core';
import { checkPoissonArgs, poissonFromStream } from './poisson.js';
import { RandomStream } from './random-stream.js';
import { checkNonNegative, checkSeqLength } from './validate.js';

/** Receptive fields of `populationEncode` (Norse `population_encode`). */
export interface PopulationOptions {
  /** Receptive-field centres span [0, scale]; default max(x) (Norse's default). Also scales distances. */
  scale?: number;
  /** Width of the Gaussian receptive fields, default 1. */
  sigma?: number;
}

/**
 * Norse `population_encode` with its default Gaussian RBF kernel: x [B, ...] -> values
 * [B, outFeatures, ...] where value k = exp(-(x - c_k)^2 * scale / (2 sigma^2)) and the centres c_k are
 * outFeatures points evenly spaced over [0, scale]. Values, not spikes: feed them to a Poisson/rate
 * encoder (or use GaussianPopulationEncoder).
 *
 * @param x - Input [B, ...].
 * @param outFeatures - Number of receptive fields (neurons) per feature.
 * @param options - scale (default max(x)) and sigma (default 1).
 * @example
 * ```ts
 * // Norse: population_encode(x, out_features=3, scale=1.0)
 * const values = populationEncode(tensor([[0.5]]), 3, { scale: 1, sigma: 1 }); // [1, 3, 1]
 * console.log(values.arraySync()); // [[[0.8825], [1], [0.8825]]]: the middle field's centre is 0.5
 * ```
 */
export function populationEncode(x: Tensor, outFeatures: number, options: PopulationOptions = {}): Tensor {
  checkSeqLength('populationEncode', outFeatures, 'outFeatures');
  const sigma = options.sigma ?? 1;
  checkNonNegative('populationEncode', 'sigma', sigma, true);
  if (options.scale !== undefined && !Number.isFinite(options.scale)) {
    throw new ArgumentError(`populationEncode: scale must be a finite number, got ${options.scale}`);
  }
  if (x.rank < 1) {
    throw new ArgumentError(`populationEncode: x must have a batch axis [B, ...], got a scalar`);
  }
  return tidy(() => {
    // Norse treats scale 0 / None alike: the maximum of the input.
    const scale: Tensor | number = options.scale ? options.scale : max(x);
    const rest = x.shape.slice(1);
    const steps = outFeatures === 1 ? arange(0, 1) : div(arange(0, outFeatures), outFeatures - 1);
    const centres = mul(reshape(steps, [1, outFeatures, ...rest.map(() => 1)]), scale);
    const distances = mul(square(sub(expandDims(x, 1), centres)), scale);
    return exp(div(distances, -2 * sigma * sigma));
  });
}

/**
 * A Gaussian population encoder: `populationEncode` then Poisson spikes (Norse `poisson_encode`, per-step
 * probability fMax * dt * value). x [B, ...] -> spikes [seqLength, B, outFeatures, ...].
 *
 * @example
 * ```ts
 * const encoder = new GaussianPopulationEncoder(50, 4, { scale: 1, seed: 0 }); // 50 steps, 4 fields per feature
 * const spikes = encoder.forward(tensor([[0.2, 0.9]])); // [50, 1, 4, 2]
 * console.log(spikes.shape); // [50, 1, 4, 2]
 * ```
 */
export class GaussianPopulationEncoder {
  /** Number of time steps T of the output. */
  readonly seqLength: number;
  /** Number of Gaussian receptive fields (neurons) per input feature. */
  readonly outFeatures: number;
  /** Maximal firing rate in Hz, default 100. */
  readonly fMax: number;
  /** Time step in seconds, default 0.001. */
  readonly dt: number;
  /** The receptive fields' scale and width. */
  readonly options: PopulationOptions;
  readonly #stream: RandomStream;

  constructor(
    seqLength: number,
    outFeatures: number,
    options: PopulationOptions & { fMax?: number; dt?: number; seed?: number; offset?: number } = {},
  ) {
    this.fMax = options.fMax ?? 100;
    this.dt = options.dt ?? 0.001;
    checkPoissonArgs('GaussianPopulationEncoder', seqLength, this.fMax, this.dt);
    checkSeqLength('GaussianPopulationEncoder', outFeatures, 'outFeatures');
    this.seqLength = seqLength;
    this.outFeatures = outFeatures;
    this.options = { scale: options.scale, sigma: options.sigma };
    this.#stream = new RandomStream('GaussianPopulationEncoder', options.seed, options.offset);
  }

  /** The seed of this encoder's random stream. */
  get seed(): number {
    return this.#stream.seed;
  }

  /** x [B, ...] -> spikes [seqLength, B, outFeatures, ...]; each call continues the random stream. */
  forward(x: Tensor): Tensor {
    return tidy(() =>
      poissonFromStream(
        populationEncode(x, this.outFeatures, this.options),
        this.seqLength,
        this.fMax * this.dt,
        this.#stream,
      ),
    );
  }
}

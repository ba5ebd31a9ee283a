export { type DeltaOptions, delta } from './delta.js';
export { type LatencyOptions, latency, roundHalfEven } from './latency.js';
export {
  ConstantCurrentLIFEncoder,
  constantCurrentLIFEncode,
  SpikeLatencyLIFEncoder,
  spikeLatencyLIFEncode,
} from './lif-encoders.js';
export { PoissonEncoder, type PoissonOptions, poissonEncode } from './poisson.js';
export { GaussianPopulationEncoder, type PopulationOptions, populationEncode } from './population.js';
export { RandomStream } from './random-stream.js';
export { type RateOptions, rate } from './rate.js';

import type { KernelCase } from '../case-types.js';
import { convPoolCases } from './conv-pool.js';
import { elementwiseCases } from './elementwise.js';
import { leakyCases } from './leaky.js';
import { matMulCases, spikeMatMulCases } from './matmul.js';
import { movementCases } from './movement.js';
import { nanCases } from './nan.js';
import { neuronCases } from './neurons.js';
import { optimizerCases } from './optimizers.js';
import { randomBernoulliCases, randomCases } from './random.js';
import { reductionCases } from './reductions.js';

/** Every data-driven conformance case, required kernels first. */
export const conformanceCases: readonly KernelCase[] = [
  ...elementwiseCases,
  ...reductionCases,
  ...nanCases,
  ...matMulCases,
  ...movementCases,
  ...randomCases,
  ...convPoolCases,
  ...spikeMatMulCases,
  ...randomBernoulliCases,
  ...neuronCases,
  ...leakyCases,
  ...optimizerCases,
];

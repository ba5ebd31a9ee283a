import { argMax, cast, equal, mean, type Tensor } from '@snn/core';
import { Adam, type Optimizer, SGD } from '@snn/modules';
import type { TrainConfig } from '../cli/train-config.js';
import type { PresetNetwork } from '../models/network.js';

export function createOptimizer(config: TrainConfig, network: PresetNetwork<unknown>): Optimizer {
  const params = network.module.parameters();
  return config.optimizer === 'adam'
    ? new Adam(params, { lr: config.lr })
    : new SGD(params, { lr: config.lr, momentum: config.momentum });
}

/** Fraction of samples whose largest score is the label, as a scalar tensor. */
export function batchAccuracy(scores: Tensor, labels: Tensor): Tensor {
  return mean(cast(equal(cast(argMax(scores, -1), 'int32'), labels), 'float32'));
}

/** The per-batch metrics training and evaluation report: the loss and the accuracy. */
export function lossAndAccuracy(network: PresetNetwork<unknown>) {
  return (out: unknown, batch: { readonly y: Tensor }): Record<string, Tensor> => ({
    loss: network.loss(out, batch.y),
    accuracy: batchAccuracy(network.scores(out), batch.y),
  });
}

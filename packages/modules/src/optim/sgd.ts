import { ArgumentError, noGrad, sgdUpdate, zerosLike } from '@snn/core';
import type { Parameter } from '../module/parameter.js';
import { Optimizer } from './optimizer.js';

export interface SGDOptions {
  lr: number;
  momentum?: number;
  dampening?: number;
  nesterov?: boolean;
  weightDecay?: number;
}

/**
 * `torch.optim.SGD`: weight decay added to the gradient, momentum buffer (`momentum_buffer`) set to
 * the gradient on the first step, dampening, Nesterov. One `SGDUpdate` kernel per parameter.
 */
export class SGD extends Optimizer {
  protected readonly typeName = 'SGD';
  momentum: number;
  dampening: number;
  nesterov: boolean;
  weightDecay: number;

  constructor(
    params: Iterable<Parameter>,
    { lr, momentum = 0, dampening = 0, nesterov = false, weightDecay = 0 }: SGDOptions,
  ) {
    super(params, lr);
    for (const [name, v] of [
      ['momentum', momentum],
      ['dampening', dampening],
      ['weightDecay', weightDecay],
    ] as const) {
      if (!(v >= 0 && Number.isFinite(v)))
        throw new ArgumentError(`SGD: ${name} must be a finite number >= 0, got ${v}`);
    }
    if (nesterov && (momentum <= 0 || dampening !== 0)) {
      throw new ArgumentError('SGD: Nesterov momentum requires momentum > 0 and dampening 0 (as in PyTorch)');
    }
    this.momentum = momentum;
    this.dampening = dampening;
    this.nesterov = nesterov;
    this.weightDecay = weightDecay;
  }

  protected hyper() {
    return {
      momentum: this.momentum,
      dampening: this.dampening,
      nesterov: this.nesterov,
      weightDecay: this.weightDecay,
    };
  }

  protected setHyper(h: Record<string, number | boolean>): void {
    this.momentum = Number(h.momentum);
    this.dampening = Number(h.dampening);
    this.nesterov = Boolean(h.nesterov);
    this.weightDecay = Number(h.weightDecay);
  }

  step(): void {
    noGrad(() => {
      this.params.forEach((p, i) => {
        if (!p.grad) return;
        const s = this.state[i];
        const firstStep = !s.tensors.has('momentum_buffer');
        const buf = firstStep ? zerosLike(p.value) : s.tensors.get('momentum_buffer')!;
        s.step += 1;
        const [param, nextBuf] = sgdUpdate(p.value, p.grad, buf, {
          lr: this.lr,
          momentum: this.momentum,
          dampening: this.dampening,
          nesterov: this.nesterov,
          weightDecay: this.weightDecay,
          firstStep,
        });
        p.assign(param);
        if (firstStep) buf.dispose();
        // Without momentum PyTorch keeps no buffer; neither do we.
        if (this.momentum > 0) this.setState(i, 'momentum_buffer', nextBuf);
        else nextBuf.dispose();
      });
    });
  }
}

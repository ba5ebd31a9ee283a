import * as snn from '@snn/core';
// Core's neuron steps are not exported from '@snn/core' yet; the same module instances via its source.
import { type LIFState, type LIState, liFeedForwardStep, lifCurrentEncoder, lifStep } from '@snn/core';

/*
 * The Norse MNIST tutorial's recurrent SNN written with core's neuron steps: ConstantCurrentLIFEncoder(T)
 * -> LIFRecurrentCell(784 -> hidden, alpha 100, vTh 0.5, no autapses) -> Linear(hidden -> 10, no bias)
 * -> LICell -> max over time -> log_softmax -> nll. (@snn/modules will hold the module version.)
 */
export interface NorseRecurrent {
  readonly wIn: snn.Tensor;
  readonly wRec: snn.Tensor;
  readonly wOut: snn.Tensor;
  readonly noSelf: snn.Tensor;
}

export function createNorseRecurrent(hidden: number, seed: number): NorseRecurrent {
  const std = Math.sqrt(2 / hidden);
  return snn.tidy(() => ({
    wIn: snn.variable(snn.randomNormal([hidden, 784], { seed, std })),
    wRec: snn.variable(snn.randomNormal([hidden, hidden], { seed: seed + 1, std })),
    wOut: snn.variable(snn.randomNormal([10, hidden], { seed: seed + 2, std })),
    noSelf: snn.keep(
      snn.tensor(
        Array.from({ length: hidden * hidden }, (_, k) => (Math.floor(k / hidden) === k % hidden ? 0 : 1)),
        [hidden, hidden],
      ),
    ),
  }));
}

/** Norse's decode torch.max(x, 0)[0]: the gradient goes to the first maximum over time. */
function maxOverTime(seq: snn.Tensor): snn.Tensor {
  const first = snn.oneHot(snn.argMax(seq, 0), seq.shape[0]);
  return snn.sum(snn.mul(seq, snn.transpose(first, [2, 0, 1])), 0);
}

/** Mean nll of the batch: images [B, 784], labels int32 [B]. */
export function norseLoss(
  net: Pick<NorseRecurrent, 'wIn' | 'wRec' | 'wOut' | 'noSelf'>,
  images: snn.Tensor,
  labels: snn.Tensor,
  T: number,
): snn.Tensor {
  let ve = snn.zeros(images.shape);
  let s: LIFState | null = null;
  let ro: LIState | null = null;
  const rec = snn.mul(net.wRec, net.noSelf);
  const vs: snn.Tensor[] = [];
  for (let t = 0; t < T; t++) {
    const [encoded, v] = lifCurrentEncoder(images, ve);
    ve = v;
    const [z, next] = lifStep(encoded, s, net.wIn, rec, { alpha: 100, vTh: 0.5 });
    s = next;
    const [out, roNext] = liFeedForwardStep(snn.matMul(z, net.wOut, false, true), ro);
    ro = roNext;
    vs.push(out);
  }
  const logP = snn.logSoftmax(maxOverTime(snn.stack(vs)), -1);
  return snn.neg(snn.mean(snn.sum(snn.mul(logP, snn.oneHot(labels, 10)), -1)));
}

/** One Adam step (PyTorch semantics, through the AdamUpdate kernel); returns the new parameters. */
export function adamStep(
  params: snn.Tensor[],
  grads: snn.Tensor[],
  moments: { m: snn.Tensor[]; v: snn.Tensor[] },
  step: number,
  lr: number,
): snn.Tensor[] {
  return params.map((p, k) => {
    const [np, nm, nv] = snn.adamUpdate(p, grads[k], moments.m[k], moments.v[k], {
      lr,
      beta1: 0.9,
      beta2: 0.999,
      eps: 1e-8,
      weightDecay: 0,
      step,
    });
    snn.dispose([moments.m[k], moments.v[k]]);
    moments.m[k] = nm;
    moments.v[k] = nv;
    return np;
  });
}

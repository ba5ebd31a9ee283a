import {
  argMax,
  dispose,
  keep,
  logSoftmax,
  matMul,
  mean,
  mul,
  neg,
  oneHot,
  stack,
  sum,
  type Tensor,
  tensor,
  tidy,
  transpose,
  valueAndGrads,
  variable,
  zeros,
} from '../../index.js';
import {
  expectClose,
  expectRelative,
  expectSpikes,
  fixtureTensor,
  flat,
  loadReferenceFixture,
} from '../../testing/fixtures.js';
import { type LIFState, type LIState, liFeedForwardStep, lifCurrentEncoder, lifStep } from '../index.js';

/*
 * The Norse MNIST tutorial's recurrent SNN written with core's neuron steps, for core's own tests:
 * ConstantCurrentLIFEncoder(T) -> LIFRecurrentCell(in -> hidden, alpha 100, vTh 0.5, no autapses)
 * -> Linear(hidden -> classes, no bias) -> LICell -> max over time -> log_softmax -> nll (mean), the
 * network of norse-recurrent-snn-grad.json. It checks core's step functions and engine through BPTT
 * with nothing above core; users (and the cross-package tests, @snn/integration-tests) build the
 * network from @snn/modules. Not published (test-utils).
 */

/** The three weights, PyTorch layout: wIn [hidden, in], wRec [hidden, hidden], wOut [classes, hidden]. */
export interface NorseRecurrentWeights {
  readonly wIn: Tensor;
  readonly wRec: Tensor;
  readonly wOut: Tensor;
}

/** The weights and the mask that keeps the recurrent diagonal (autapses) at zero. */
export interface NorseRecurrent extends NorseRecurrentWeights {
  readonly noSelf: Tensor;
}

/** [hidden, hidden] ones with a zero diagonal: Norse's LIFRecurrentCell(autapses=False). */
export function noAutapseMask(hidden: number): Tensor {
  return tensor(
    Array.from({ length: hidden * hidden }, (_, k) => (Math.floor(k / hidden) === k % hidden ? 0 : 1)),
    [hidden, hidden],
  );
}

/** Norse's decode torch.max(x, 0)[0] over [T, B, C]: the gradient goes to the FIRST maximum over time. */
export function maxOverTime(seq: Tensor): Tensor {
  const first = oneHot(argMax(seq, 0), seq.shape[0]); // [B, C, T]
  return sum(mul(seq, transpose(first, [2, 0, 1])), 0);
}

/** ConstantCurrentLIFEncoder(T) with Norse's defaults: lifCurrentEncoder on the image T times from v = 0. */
export function constantCurrentEncode(image: Tensor, T: number): Tensor[] {
  const spikes: Tensor[] = [];
  let v = zeros(image.shape);
  for (let t = 0; t < T; t++) {
    const [z, next] = lifCurrentEncoder(image, v);
    spikes.push(z);
    v = next;
  }
  return spikes;
}

/** The SNN proper over encoded steps ([B, in] each): the readout voltages [T, B, classes]. */
export function norseRecurrentReadout(encoded: readonly Tensor[], net: NorseRecurrent): Tensor {
  const rec = mul(net.wRec, net.noSelf);
  let s: LIFState | null = null;
  let ro: LIState | null = null;
  const vs: Tensor[] = [];
  for (const x of encoded) {
    const [z, next] = lifStep(x, s, net.wIn, rec, { alpha: 100, vTh: 0.5 });
    s = next;
    const [v, roNext] = liFeedForwardStep(matMul(z, net.wOut, false, true), ro);
    ro = roNext;
    vs.push(v);
  }
  return stack(vs);
}

/** Mean nll of log-probabilities [B, C] against int32 labels [B]. */
export function nllOfLogP(logP: Tensor, labels: Tensor): Tensor {
  return neg(mean(sum(mul(logP, oneHot(labels, logP.shape[1])), -1)));
}

/** The whole tutorial loss: images [B, in] (float), labels int32 [B], T steps. */
export function norseLoss(net: NorseRecurrent, images: Tensor, labels: Tensor, T: number): Tensor {
  const readout = norseRecurrentReadout(constantCurrentEncode(images, T), net);
  return nllOfLogP(logSoftmax(maxOverTime(readout), -1), labels);
}

/** Worst errors against norse-recurrent-snn-grad.json: absolute, and (`*Rel`) relative to max|want|. */
export interface NorseRecurrentFixtureErrors {
  readout: number;
  logP: number;
  loss: number;
  gIn: number;
  gRec: number;
  gOut: number;
  gInRel: number;
  gRecRel: number;
  gOutRel: number;
}

/**
 * Runs norse-recurrent-snn-grad.json on the current backend and throws (a test failure naming the
 * output) unless the encoded spikes match exactly and the readout voltages, log-probabilities, loss
 * and the three weight gradients are within the README's tolerance. The gradients are small
 * (|grad_recurrent_weights| <= 5e-6, under the README's 1e-6 floor's reach), so they are also held
 * to `gradRtol` relative to their own scale. Reads asynchronously (works on GPU backends) and frees
 * everything it made.
 */
export async function expectNorseRecurrentFixture(gradRtol = 1e-4): Promise<NorseRecurrentFixtureErrors> {
  const f = loadReferenceFixture('norse-recurrent-snn-grad');
  const T = f.params.T as number;
  const image = fixtureTensor(f.inputs.image);
  const target = fixtureTensor(f.inputs.target, 'int32');
  const weights = [f.inputs.input_weights, f.inputs.recurrent_weights, f.inputs.fc_out_weight].map((w) =>
    tidy(() => variable(fixtureTensor(w))),
  );
  const [wIn, wRec, wOut] = weights;
  const net: NorseRecurrent = { wIn, wRec, wOut, noSelf: noAutapseMask(wRec.shape[0]) };
  const steps = tidy(() => constantCurrentEncode(image, T));
  const encoded = stack(steps);
  let readout: Tensor | undefined;
  let logP: Tensor | undefined;
  const { value: loss, grads } = valueAndGrads(() => {
    // valueAndGrads frees what this makes but the value: keep the two recordings compared below.
    readout = keep(norseRecurrentReadout(steps, net));
    logP = keep(logSoftmax(maxOverTime(readout), -1));
    return nllOfLogP(logP, target);
  }, weights);
  try {
    expectSpikes(await encoded.data(), f.outputs.encoded, 'encoded');
    const [gIn, gRec, gOut] = await Promise.all(grads.map((g) => g.data()));
    return {
      readout: expectClose(await (readout as Tensor).data(), f.outputs.readout_v, 'readout_v'),
      logP: expectClose(await (logP as Tensor).data(), f.outputs.log_p, 'log_p'),
      loss: expectClose(await loss.data(), flat(f.outputs.loss), 'loss'),
      gIn: expectClose(gIn, f.outputs.grad_input_weights, 'grad_input_weights'),
      gRec: expectClose(gRec, f.outputs.grad_recurrent_weights, 'grad_recurrent_weights'),
      gOut: expectClose(gOut, f.outputs.grad_fc_out, 'grad_fc_out'),
      gInRel: expectRelative(gIn, f.outputs.grad_input_weights, 'grad_input_weights', gradRtol),
      gRecRel: expectRelative(gRec, f.outputs.grad_recurrent_weights, 'grad_recurrent_weights', gradRtol),
      gOutRel: expectRelative(gOut, f.outputs.grad_fc_out, 'grad_fc_out', gradRtol),
    };
  } finally {
    dispose([image, target, ...weights, net.noSelf, ...steps, encoded, loss, ...grads]);
    if (readout) dispose(readout);
    if (logP) dispose(logP);
  }
}

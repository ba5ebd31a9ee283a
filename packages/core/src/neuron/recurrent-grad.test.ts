import {
  argMax,
  logSoftmax,
  matMul,
  mean,
  mul,
  neg,
  oneHot,
  stack,
  sum,
  tensor,
  tidy,
  transpose,
  valueAndGrads,
  zeros,
} from '../index.js';
import type { Tensor } from '../tensor/tensor.js';
import {
  expectClose,
  expectRelative,
  expectSpikes,
  flat,
  loadReferenceFixture,
  type Nested,
  shapeOf,
} from '../testing/fixtures.js';
import { type LIFState, type LIState, liFeedForwardStep, lifCurrentEncoder, lifStep } from './index.js';

/*
 * BPTT through the Norse MNIST tutorial's recurrent SNN, in small (norse-recurrent-snn-grad.json):
 * ConstantCurrentLIFEncoder(T) -> LIFRecurrentCell(p = LIFParameters(alpha=100, v_th=0.5), autapses=False)
 * -> Linear(bias=False) -> LICell -> max over time -> log_softmax -> nll_loss (mean), written directly
 * with core's step functions and ops.
 */

const f = loadReferenceFixture('norse-recurrent-snn-grad');
const T = f.params.T as number;

function t2(v: Nested): Tensor {
  return tensor(flat(v), shapeOf(v));
}

/** Norse's decode `torch.max(x, 0)[0]`: the gradient goes to the FIRST maximum over time only. */
function maxOverTime(seq: Tensor): Tensor {
  const steps = seq.shape[0];
  const first = oneHot(argMax(seq, 0), steps); // [B, C, T]
  return sum(mul(seq, transpose(first, [2, 0, 1])), 0);
}

describe('BPTT through the Norse tutorial recurrent SNN', () => {
  it('reproduces encoded spikes, readout, log_p, loss and every weight gradient', () => {
    tidy(() => {
      const image = t2(f.inputs.image);
      const [batch] = image.shape;
      const target = tensor(f.inputs.target as number[], [batch], 'int32');
      const wIn = t2(f.inputs.input_weights);
      const wRec = t2(f.inputs.recurrent_weights);
      const wOut = t2(f.inputs.fc_out_weight);
      const hidden = wRec.shape[0];
      // autapses=False: the recurrent diagonal is masked out of the forward, so its gradient is 0.
      const noSelf = tensor(
        Array.from({ length: hidden * hidden }, (_, k) => (Math.floor(k / hidden) === k % hidden ? 0 : 1)),
        [hidden, hidden],
      );

      // Encoder (Norse ConstantCurrentLIFEncoder with default parameters).
      const encoded: Tensor[] = [];
      let ve = zeros(image.shape);
      for (let t = 0; t < T; t++) {
        const [z, v] = lifCurrentEncoder(image, ve);
        encoded.push(z);
        ve = v;
      }
      expectSpikes(stack(encoded).dataSync(), f.outputs.encoded, 'encoded');

      // Read inside f: every tensor f makes, but the value, is freed when valueAndGrads returns.
      let readout: ArrayLike<number> = [];
      let logP: ArrayLike<number> = [];
      const { value: loss, grads } = valueAndGrads(() => {
        const rec = mul(wRec, noSelf);
        let s: LIFState | null = null;
        let ro: LIState | null = null;
        const vs: Tensor[] = [];
        for (let t = 0; t < T; t++) {
          const [z, next] = lifStep(encoded[t], s, wIn, rec, { alpha: 100, vTh: 0.5 });
          s = next;
          const [v, roNext] = liFeedForwardStep(matMul(z, wOut, false, true), ro);
          ro = roNext;
          vs.push(v);
        }
        const readoutSeq = stack(vs);
        const logProbs = logSoftmax(maxOverTime(readoutSeq), -1);
        readout = readoutSeq.dataSync();
        logP = logProbs.dataSync();
        const picked = sum(mul(logProbs, oneHot(target, logProbs.shape[1])), -1);
        return neg(mean(picked));
      }, [wIn, wRec, wOut]);

      const errors = {
        readout: expectClose(readout, f.outputs.readout_v, 'readout_v'),
        logP: expectClose(logP, f.outputs.log_p, 'log_p'),
        loss: expectClose(loss.dataSync(), [f.outputs.loss as number], 'loss'),
        gIn: expectClose(grads[0].dataSync(), f.outputs.grad_input_weights, 'grad_input_weights'),
        gRec: expectClose(grads[1].dataSync(), f.outputs.grad_recurrent_weights, 'grad_recurrent_weights'),
        gOut: expectClose(grads[2].dataSync(), f.outputs.grad_fc_out, 'grad_fc_out'),
        // The gradients are small (|grad_recurrent_weights| <= 5e-6): also check them relative to their own scale.
        gInRel: expectRelative(grads[0].dataSync(), f.outputs.grad_input_weights, 'grad_input_weights'),
        gRecRel: expectRelative(
          grads[1].dataSync(),
          f.outputs.grad_recurrent_weights,
          'grad_recurrent_weights',
        ),
        gOutRel: expectRelative(grads[2].dataSync(), f.outputs.grad_fc_out, 'grad_fc_out'),
      };
      // Keep the measured errors visible in the test log.
      console.info(`recurrent SNN errors (abs; *Rel relative to max|want|): ${JSON.stringify(errors)}`);
    });
  });
});

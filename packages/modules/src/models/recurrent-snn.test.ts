import {
  keep,
  lifCurrentEncoder,
  stack,
  type Tensor,
  tensor,
  tidy,
  valueAndGrads,
  zerosLike,
} from '@snn/core';
import { expectClose, fixtureTensor, flat, type Nested } from '@snn/core/testing';
import { loadReferenceFixture } from '@snn/reference-fixtures';
import { maxLogSoftmax } from '../decoders/decoders.js';
import { nllLoss } from '../losses/classification.js';
import { EncoderSNNDecoder, RecurrentSNN } from './recurrent-snn.js';

const ref = loadReferenceFixture('norse-recurrent-snn-grad.json');
const t = (x: Nested) => fixtureTensor(x);

describe("Norse's recurrent MNIST SNN (norse-recurrent-snn-grad.json)", () => {
  const build = () => {
    const snn = new RecurrentSNN(6, 5, 4, { seed: 0 });
    snn.loadStateDict({
      'l1.input_weights': t(ref.inputs.input_weights),
      'l1.recurrent_weights': t(ref.inputs.recurrent_weights),
      'fc_out.weight': t(ref.inputs.fc_out_weight),
    });
    return snn;
  };

  it('reproduces readout voltages, log-probabilities, loss and every weight gradient', () => {
    const snn = build();
    expect([...snn.stateDict().keys()]).toEqual([
      'l1.input_weights',
      'l1.recurrent_weights',
      'fc_out.weight',
    ]);
    const encoded = t(ref.outputs.encoded);
    const target = flat(ref.inputs.target);
    let voltages!: Tensor;
    let logP!: Tensor;
    const params = snn.parameters();
    const { value, grads } = valueAndGrads(
      () => {
        // valueAndGrads frees what f makes; keep the two recordings we compare.
        voltages = keep(snn.forward(encoded));
        logP = keep(maxLogSoftmax(voltages));
        return nllLoss(logP, target);
      },
      params.map((p) => p.value),
    );
    expectClose(Array.from(voltages.dataSync()), flat(ref.outputs.readout_v), 'readout_v');
    expectClose(Array.from(logP.dataSync()), flat(ref.outputs.log_p), 'log_p');
    expectClose(Array.from(value.dataSync()), [ref.outputs.loss as number], 'loss');
    expectClose(Array.from(grads[0].dataSync()), flat(ref.outputs.grad_input_weights), 'grad_input_weights');
    expectClose(
      Array.from(grads[1].dataSync()),
      flat(ref.outputs.grad_recurrent_weights),
      'grad_recurrent_weights',
    );
    expectClose(Array.from(grads[2].dataSync()), flat(ref.outputs.grad_fc_out), 'grad_fc_out');
    const worst = (a: Tensor, b: Nested) => {
      const want = flat(b);
      const got = a.dataSync();
      const scale = Math.max(...want.map(Math.abs));
      return Math.max(...want.map((w, i) => Math.abs(got[i] - w))) / scale;
    };
    console.info(
      `max |ours - Norse| / max|Norse|: readout ${worst(voltages, ref.outputs.readout_v).toExponential(1)}, ` +
        `loss ${worst(value, [ref.outputs.loss]).toExponential(1)}, dW_in ${worst(grads[0], ref.outputs.grad_input_weights).toExponential(1)}, ` +
        `dW_rec ${worst(grads[1], ref.outputs.grad_recurrent_weights).toExponential(1)}, dW_out ${worst(grads[2], ref.outputs.grad_fc_out).toExponential(1)}`,
    );
  });

  it('runs the whole tutorial pipeline from the image: constant-current LIF encoder -> SNN -> decode', () => {
    // Norse's ConstantCurrentLIFEncoder(T): lif_current_encoder on the image, T times, from v = 0.
    const encoder = (image: Tensor) => {
      const spikes: Tensor[] = [];
      let v = zerosLike(image);
      for (let k = 0; k < (ref.params.T as number); k++) {
        const [z, next] = lifCurrentEncoder(image, v);
        spikes.push(z);
        v = next;
      }
      return stack(spikes, 0);
    };
    const model = new EncoderSNNDecoder(encoder, build(), maxLogSoftmax);
    expect(Array.from(encoder(t(ref.inputs.image)).dataSync())).toEqual(flat(ref.outputs.encoded));
    const loss = nllLoss(model.forward(t(ref.inputs.image)), flat(ref.inputs.target));
    expectClose(Array.from(loss.dataSync()), [ref.outputs.loss as number], 'loss');
  });

  it('keeps autapses at zero: diagonal gradient is exactly 0 and loading a non-zero diagonal clears it', () => {
    const snn = build();
    const eye = tidy(() =>
      tensor([1, 0, 0, 0, 0, 0, 1, 0, 0, 0, 0, 0, 1, 0, 0, 0, 0, 0, 1, 0, 0, 0, 0, 0, 1], [5, 5]),
    );
    snn.loadStateDict({ 'l1.recurrent_weights': eye }, { strict: false });
    expect(Array.from(snn.l1.recurrent_weights.value.dataSync()).every((v) => v === 0)).toBe(true);
    const w = flat(ref.inputs.recurrent_weights).map((v, i) => (i % 6 === 0 ? 0.3 : v));
    snn.loadStateDict({ 'l1.recurrent_weights': tensor(w, [5, 5]) }, { strict: false });
    const { grads } = valueAndGrads(
      () => nllLoss(maxLogSoftmax(snn.forward(t(ref.outputs.encoded))), flat(ref.inputs.target)),
      [snn.l1.recurrent_weights.value],
    );
    const g = grads[0].dataSync();
    for (let k = 0; k < 5; k++) expect(g[k * 6]).toBe(0);
  });
});

describe('errors inside a model', () => {
  it('name the module path from the root (snn.l1), its class and the shapes it was called with', () => {
    const model = new EncoderSNNDecoder((x) => x, new RecurrentSNN(6, 5, 4, { seed: 0 }), maxLogSoftmax);
    // A step of [2, 7] flattens to [-1, 6] -> fails in snn; [3, 4] flattens to [2, 6] and works.
    expect(() => model.forward(tensor(new Float32Array(3 * 2 * 7), [3, 2, 7]))).toThrow(
      /^in snn \(RecurrentSNN\) called with \(\[3, 2, 7\]\): /,
    );
    const cell = model.snn as RecurrentSNN;
    let err: Error | undefined;
    try {
      cell.l1.forward(tensor(new Float32Array(14), [2, 7]), null);
    } catch (e) {
      err = e as Error;
    }
    expect(err?.message).toBe(
      'in snn.l1 (LIFRecurrentCell) called with ([2, 7], null): LIFRecurrentCell(6, 5) expects input [batch, 6], got [2, 7]',
    );
  });
});

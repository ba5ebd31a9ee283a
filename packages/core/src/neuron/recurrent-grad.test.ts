import { dispose, valueAndGrads } from '../index.js';
import { expectClose, fixtureTensor, flat, loadReferenceFixture } from '../testing/fixtures.js';
import { expectNorseRecurrentFixture, noAutapseMask, norseLoss } from './test-utils/norse-recurrent.js';

/*
 * BPTT through the Norse MNIST tutorial's recurrent SNN, in small (norse-recurrent-snn-grad.json):
 * ConstantCurrentLIFEncoder(T) -> LIFRecurrentCell(p = LIFParameters(alpha=100, v_th=0.5), autapses=False)
 * -> Linear(bias=False) -> LICell -> max over time -> log_softmax -> nll_loss (mean), written with
 * core's step functions and ops (test-utils/norse-recurrent.ts; training it with @snn/modules' Adam
 * on MNIST, on every backend: @snn/integration-tests).
 */

describe('BPTT through the Norse tutorial recurrent SNN', () => {
  it('reproduces encoded spikes, readout, log_p, loss and every weight gradient', async () => {
    const errors = await expectNorseRecurrentFixture();
    // Keep the measured errors visible in the test log.
    console.info(`recurrent SNN errors (abs; *Rel relative to max|want|): ${JSON.stringify(errors)}`);
  });

  it('norseLoss (encoder interleaved with the network) gives the fixture loss; the diagonal gets no gradient', () => {
    const f = loadReferenceFixture('norse-recurrent-snn-grad');
    const [wIn, wRec, wOut] = [
      f.inputs.input_weights,
      f.inputs.recurrent_weights,
      f.inputs.fc_out_weight,
    ].map((w) => fixtureTensor(w));
    const hidden = wRec.shape[0];
    const net = { wIn, wRec, wOut, noSelf: noAutapseMask(hidden) };
    const image = fixtureTensor(f.inputs.image);
    const target = fixtureTensor(f.inputs.target, 'int32');
    const { value, grads } = valueAndGrads(() => norseLoss(net, image, target, f.params.T as number), [wRec]);
    expectClose(value.dataSync(), flat(f.outputs.loss), 'loss');
    const g = grads[0].dataSync();
    for (let k = 0; k < hidden; k++) expect(g[k * (hidden + 1)]).toBe(0);
    dispose([wIn, wRec, wOut, net.noSelf, image, target, value, ...grads]);
  });
});

import { dispose, keep, type Tensor, tidy } from '@snn/core';
import {
  expectClose,
  expectRelative,
  expectSpikes,
  fixtureTensor,
  flat,
  loadReferenceFixture,
} from '@snn/core/testing';
import { constantCurrentLIFEncode } from '@snn/encoders';
import { computeGradients, maxLogSoftmax, nllLoss, RecurrentSNN } from '@snn/modules';

/*
 * The Norse MNIST tutorial's network as a user writes it with the published packages: @snn/encoders'
 * ConstantCurrentLIFEncoder, @snn/modules' RecurrentSNN (LIFRecurrentCell(alpha 100, vTh 0.5, no
 * autapses) -> Linear(no bias) -> LICell), max over time, log-softmax, nll loss.
 */

/** The tutorial network with Norse's hyperparameters, in -> hidden -> classes. */
export function norseRecurrentSNN(
  inputs: number,
  hidden: number,
  classes: number,
  seed: number,
): RecurrentSNN {
  return new RecurrentSNN(inputs, hidden, classes, { p: { alpha: 100, vTh: 0.5 }, seed });
}

/** The tutorial's loss of a batch of images [B, in] (int32 labels [B]) through T encoded steps. */
export function norseLoss(net: RecurrentSNN, images: Tensor, labels: Tensor, T: number): Tensor {
  return nllLoss(maxLogSoftmax(net.forward(constantCurrentLIFEncode(images, T))), labels);
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
 * Runs norse-recurrent-snn-grad.json (Norse, float64) on the current backend and throws, naming the
 * output, unless the encoded spikes match exactly and the readout voltages, log-probabilities, loss
 * and the three weight gradients are within the fixtures' tolerance; the gradients are small (|grad
 * of the recurrent weights| <= 5e-6), so they are also held to `gradRtol` of their own scale. Reads
 * asynchronously (GPU backends too) and frees everything it made.
 */
export async function expectNorseRecurrentFixture(gradRtol = 1e-4): Promise<NorseRecurrentFixtureErrors> {
  const f = loadReferenceFixture('norse-recurrent-snn-grad');
  const T = f.params.T as number;
  const wIn = fixtureTensor(f.inputs.input_weights);
  const [hidden, inputs] = wIn.shape;
  const wOut = fixtureTensor(f.inputs.fc_out_weight);
  const net = norseRecurrentSNN(inputs, hidden, wOut.shape[0], 0);
  const wRec = fixtureTensor(f.inputs.recurrent_weights);
  net.loadStateDict({ 'l1.input_weights': wIn, 'l1.recurrent_weights': wRec, 'fc_out.weight': wOut });
  dispose([wIn, wRec, wOut]);
  const image = fixtureTensor(f.inputs.image);
  const target = fixtureTensor(f.inputs.target, 'int32');
  const encoded = tidy(() => constantCurrentLIFEncode(image, T));
  let readout: Tensor | undefined;
  let logP: Tensor | undefined;
  const params = net.parameters();
  const loss = tidy(() =>
    computeGradients(() => {
      // Kept past the gradient computation: compared below.
      readout = keep(net.forward(encoded));
      logP = keep(maxLogSoftmax(readout));
      return nllLoss(logP, target);
    }, params),
  );
  try {
    expectSpikes(await encoded.data(), f.outputs.encoded, 'encoded');
    const [gIn, gRec, gOut] = await Promise.all(params.map((p) => p.grad!.data()));
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
    dispose([image, target, encoded, loss]);
    if (readout) dispose(readout);
    if (logP) dispose(logP);
    net.dispose();
  }
}

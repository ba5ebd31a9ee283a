import { registerTfjsBackends } from '@snn/backend-tfjs';
import { add, backendName, dispose, ready, stack, sum, type Tensor, unstack, zeros } from '@snn/core';
import { DataLoader, loadMnist } from '@snn/data-mnist';
import {
  Adam,
  accuracy,
  computeGradients,
  crossEntropy,
  fit,
  imageBatches,
  Leaky,
  Linear,
  Module,
} from '@snn/modules';
import { describeWithMnist, mnistDir } from './test-utils/mnist.js';

/*
 * snnTorch's tutorial 5, "Training Spiking Neural Networks with snntorch", in TypeScript: the
 * constants, the network and the training loop as the tutorial writes them (snake_case -> camelCase,
 * `self.fc1(x)` -> `this.fc1.forward(x)`), then the same network trained by `fit`, whose `loss`
 * receives the network's `[spk_rec, mem_rec]` typed by `forward`: no cast anywhere (the package's
 * typecheck task checks this file). Runs on MNIST ($SNN_MNIST_DIR) on tfjs-wasm, on a subset: the
 * tutorial trains one epoch of 60,000 images, here 16 batches of 128 (4 by the tutorial's loop, 12 by fit)
 * and tests on 1,024 images.
 */

// dataloader arguments
const batchSize = 128;

// Network Architecture
const numInputs = 28 * 28;
const numHidden = 1000;
const numOutputs = 10;

// Temporal Dynamics
const numSteps = 25;
const beta = 0.95;

// Define Network
class Net extends Module<[Tensor], [Tensor, Tensor]> {
  // Initialize layers
  fc1 = new Linear(numInputs, numHidden);
  lif1 = new Leaky(beta);
  fc2 = new Linear(numHidden, numOutputs);
  lif2 = new Leaky(beta);

  forward(x: Tensor): [Tensor, Tensor] {
    // Initialize hidden states at t=0
    let mem1 = this.lif1.initLeaky();
    let mem2 = this.lif2.initLeaky();

    // Record the final layer
    const spk2Rec: Tensor[] = [];
    const mem2Rec: Tensor[] = [];

    for (let step = 0; step < numSteps; step++) {
      const cur1 = this.fc1.forward(x);
      const [spk1, nextMem1] = this.lif1.forward(cur1, mem1);
      mem1 = nextMem1;
      const cur2 = this.fc2.forward(spk1);
      const [spk2, nextMem2] = this.lif2.forward(cur2, mem2);
      mem2 = nextMem2;
      spk2Rec.push(spk2);
      mem2Rec.push(mem2);
    }

    return [stack(spk2Rec, 0), stack(mem2Rec, 0)];
  }
}

/** loss_val += loss(mem_rec[step], targets) for every step: cross-entropy on the membrane, summed over time. */
function lossOverTime(memRec: Tensor, targets: Tensor): Tensor {
  let lossVal = zeros([]);
  for (const mem of unstack(memRec, 0)) lossVal = add(lossVal, crossEntropy(mem, targets));
  return lossVal;
}

describeWithMnist("snnTorch tutorial 5 (MNIST, Leaky, BPTT on the membrane's cross-entropy)", () => {
  let trainLoader: DataLoader;
  let testLoader: DataLoader;

  beforeAll(async () => {
    registerTfjsBackends({ kinds: ['wasm'] });
    await ready();
    // transforms.Normalize((0,), (1,)): pixels / 255.
    const train = (await loadMnist({ split: 'train', dataDir: mnistDir })).take(1536);
    const test = (await loadMnist({ split: 'test', dataDir: mnistDir })).take(1024);
    trainLoader = new DataLoader(train, { batchSize, shuffle: true, dropLast: true, normalize: 'unit' });
    testLoader = new DataLoader(test, { batchSize, dropLast: true, normalize: 'unit' });
  });

  it('trains with the tutorial loop, then with fit, and classifies well above chance', async () => {
    expect(backendName()).toBe('tfjs-wasm');
    const net = new Net();
    expect([...net.stateDict().keys()]).toEqual([
      'fc1.weight',
      'fc1.bias',
      'lif1.threshold',
      'lif1.graded_spikes_factor',
      'lif1.reset_mechanism_val',
      'lif1.beta',
      'fc2.weight',
      'fc2.bias',
      'lif2.threshold',
      'lif2.graded_spikes_factor',
      'lif2.reset_mechanism_val',
      'lif2.beta',
    ]);
    const optimizer = new Adam(net.parameters(), { lr: 5e-4, betas: [0.9, 0.999] });

    // The tutorial's loop, for the first batches of epoch 0.
    const lossHist: number[] = [];
    let iterCounter = 0;
    for (const { x: data, y: targets } of imageBatches(trainLoader)(0)) {
      net.train();
      // forward pass, loss over time; loss_val.backward() stores each parameter's gradient
      const lossVal = computeGradients(() => {
        const [, memRec] = net.forward(data);
        return lossOverTime(memRec, targets);
      }, net.parameters());
      // weight update
      optimizer.step();
      optimizer.zeroGrad();
      lossHist.push((await lossVal.data())[0]);
      dispose([lossVal, data, targets]);
      iterCounter += 1;
      if (iterCounter === 4) break;
    }

    // The rest of training with fit: `spkRec` and `memRec` are typed by Net.forward.
    const { history } = await fit({
      model: net,
      optimizer,
      epochs: 1,
      trainBatches: imageBatches(trainLoader),
      evalBatches: imageBatches(testLoader),
      loss: ([, memRec], { y: targets }) => lossOverTime(memRec, targets),
      // Test set accuracy: _, predicted = spk_rec.sum(dim=0).max(1)
      metrics: ([spkRec], { y: targets }) => ({ accuracy: accuracy(sum(spkRec, 0), targets) }),
      readEvery: 4,
    });

    expect(lossHist).toHaveLength(4);
    // After 16 batches the test accuracy was 77% when this was written (the tutorial's full epoch of
    // 468 batches reaches about 93%); chance is 10%.
    expect(history).toHaveLength(1);
    expect(history[0].trainLoss).toBeLessThan(lossHist[0]);
    expect(history[0].eval?.accuracy).toBeGreaterThan(0.6);
    net.dispose();
    optimizer.dispose();
  }, 600_000);
});

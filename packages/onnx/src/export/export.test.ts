import { type Tensor, tensor } from '@snn/core';
import { ConstantCurrentLIFEncoder } from '@snn/encoders';
import {
  Dropout,
  EncoderSNNDecoder,
  IFNode,
  LICell,
  LIFCell,
  LIFNode,
  Linear,
  Module,
  manualSeed,
  maxLogSoftmax,
  QIFNode,
  RecurrentSNN,
  Sequential,
} from '@snn/modules';
import { OnnxExportError } from '../errors.js';
import { onnx } from '../proto/onnx-proto.js';
import { modelInfo } from '../test-utils/ort.js';
import { exportOnnx, IR_VERSION, OPSET } from './export-onnx.js';

interface Graph {
  node: { name: string; opType: string; output: string[]; attribute: { name: string; g: Graph }[] }[];
  initializer: { name: string }[];
  input: { name: string }[];
  output: { name: string }[];
}

/** The decoded model with its (always present) repeated fields typed as such. */
function decode(bytes: Uint8Array) {
  const m = onnx.ModelProto.decode(bytes);
  return { m, graph: m.graph as unknown as Graph };
}

class Scaler extends Module {
  forward(x: Tensor): Tensor {
    return x;
  }
}

class TwoLayerNet extends Module {
  readonly fc1 = this.registerModule('fc1', new Linear(4, 3));
  readonly lif1 = this.registerModule('lif1', new LIFCell());
  forward(x: Tensor): Tensor {
    return this.lif1.forward(this.fc1.forward(x))[0];
  }
}

describe('refusals name the piece and the reason', () => {
  const options = { inputShape: [4], encoder: 'spikes' as const };

  it('a module with no converter', async () => {
    await expect(exportOnnx(new Sequential(new Linear(4, 4), new Scaler()), options)).rejects.toThrow(
      /cannot export 1 \(Scaler\): no ONNX converter for this module \(supported: Linear, /,
    );
  });

  it('a model class with its own forward: pass its pieces', async () => {
    const run = exportOnnx(new TwoLayerNet(), options);
    await expect(run).rejects.toThrow(OnnxExportError);
    await expect(run).rejects.toThrow(
      /cannot export \(root\) \(TwoLayerNet\): a model class with its own forward.*exportOnnx\(\[model\.fc1, model\.lif1, \.\.\.\], options\)/,
    );
    // ... which then exports.
    const net = new TwoLayerNet();
    const bytes = await exportOnnx([net.fc1, net.lif1], options);
    expect(modelInfo(bytes).stages).toEqual(['fc1: Linear', 'lif1: LIFCell']);
  });

  it('a subclass of a supported class, which may step differently', async () => {
    // As SpikingJelly's ParametricLIFNode, QIFNode and EIFNode extend LIFNode: never exported as the parent.
    class QuadraticNode extends LIFNode {}
    await expect(exportOnnx([new Linear(4, 4), ['node', new QuadraticNode()]], options)).rejects.toThrow(
      /cannot export node \(QuadraticNode\): a subclass of LIFNode: it may step differently/,
    );
    class MyLinear extends Linear {}
    await expect(exportOnnx(new MyLinear(4, 4), options)).rejects.toThrow(
      /\(MyLinear\): a subclass of Linear/,
    );
    // A subclass of a zoo neuron is named by its nearest supported ancestor.
    class MyQIF extends QIFNode {}
    await expect(exportOnnx([new Linear(4, 4), ['q', new MyQIF()]], options)).rejects.toThrow(
      /cannot export q \(MyQIF\): a subclass of QIFNode/,
    );
    // IFNode, itself a subclass of LIFNode in the library, has its own converter.
    const qif = await exportOnnx([new Linear(4, 4), new QIFNode()], options);
    expect(modelInfo(qif).stages).toEqual(['linear: Linear', 'qifnode: QIFNode']);
    const bytes = await exportOnnx([new Linear(4, 4), new IFNode()], options);
    expect(modelInfo(bytes).stages).toEqual(['linear: Linear', 'ifnode: IFNode']);
  });

  it('Dropout in training mode', async () => {
    await expect(exportOnnx([new Linear(4, 4), ['drop', new Dropout(0.2)]], options)).rejects.toThrow(
      /drop \(Dropout\(0\.2\)\): is in training mode.*call model\.eval\(\)/,
    );
  });

  it('EncoderSNNDecoder (closures)', async () => {
    const model = new EncoderSNNDecoder((x) => x, new RecurrentSNN(4, 3, 2), maxLogSoftmax);
    await expect(exportOnnx(model, options)).rejects.toThrow(
      /EncoderSNNDecoder\): its encoder and decoder are closures/,
    );
  });

  it('an entry that is not a module', async () => {
    await expect(exportOnnx([new Linear(4, 4), 7 as unknown as Module], options)).rejects.toThrow(
      /entry 1 of the network list: expected a Module or a step function/,
    );
  });

  it('a shape that does not fit', async () => {
    await expect(exportOnnx([new Linear(5, 4)], options)).rejects.toThrow(
      /linear \(Linear\(5, 4\)\): expects a per-step input \[\.\.\., 5\], got \[batch, 4\]/,
    );
  });

  it('bad options', async () => {
    const net = [new Linear(4, 4)];
    await expect(exportOnnx(net, { inputShape: [] as unknown as number[] })).rejects.toThrow(/steps/);
    await expect(exportOnnx(net, { inputShape: [4, 0] })).rejects.toThrow(
      /inputShape must list the positive sizes/,
    );
    await expect(exportOnnx(net, { inputShape: [4] })).rejects.toThrow(
      /fixes no number of steps: pass \{ steps \}/,
    );
    await expect(exportOnnx(net, { inputShape: [4], encoder: 'spikes', steps: 3 })).rejects.toThrow(
      /the input sequence's first dim/,
    );
    await expect(
      exportOnnx(net, { inputShape: [4], encoder: new ConstantCurrentLIFEncoder(8), steps: 3 }),
    ).rejects.toThrow(/steps 3 differs from the encoder's 8/);
    await expect(
      exportOnnx(net, { inputShape: [4], steps: 2, pixelTable: new Float32Array(10) }),
    ).rejects.toThrow(/256 values/);
  });
});

describe('the file', () => {
  manualSeed(2);
  const model = new RecurrentSNN(6, 5, 3);
  const options = { inputShape: [6], encoder: new ConstantCurrentLIFEncoder(10), decoder: maxLogSoftmax };

  it('states its opset and IR version, names parameters by their state-dict keys and nodes by their stage', async () => {
    const { m, graph } = decode(await exportOnnx(model, options));
    expect(Number(m.irVersion)).toBe(IR_VERSION);
    expect(m.opsetImport.map((o) => [o.domain, Number(o.version)])).toEqual([['', OPSET]]);
    expect(OPSET).toBe(17);
    const names = graph.initializer.map((t) => t.name);
    expect(names).toEqual(
      expect.arrayContaining(['l1.input_weights', 'l1.recurrent_weights', 'fc_out.weight']),
    );
    const loop = graph.node.find((n) => n.opType === 'Loop');
    const body = loop?.attribute.find((a) => a.name === 'body')?.g as Graph;
    const outputs = body.node.flatMap((n) => n.output);
    expect(outputs).toEqual(
      expect.arrayContaining(['encoder/z', 'l1/i_jump', 'l1/v_decayed', 'l1/z', 'fc_out/y', 'out/v']),
    );
    // Thresholds are comparisons and casts.
    expect(body.node.filter((n) => n.opType === 'Greater').map((n) => n.name)).toEqual([
      'encoder/z_fired',
      'l1/z_fired',
    ]);
    expect(graph.input.map((i) => i.name)).toEqual(['x']);
    expect(graph.output.map((o) => o.name)).toEqual(['scores']);
    expect(m.docString).toMatch(
      /ConstantCurrentLIFEncoder\(seqLength 10.*l1: LIFRecurrentCell.*maxLogSoftmax/,
    );
  });

  it('per-step form: x and named states in, out, scores and next states out', async () => {
    const bytes = await exportOnnx(model, { ...options, form: 'step' });
    const { graph } = decode(bytes);
    expect(graph.input.map((i) => i.name)).toEqual([
      'x',
      'encoder.v',
      'l1.z',
      'l1.v',
      'l1.i',
      'out.v',
      'out.i',
      'decoder.max',
    ]);
    expect(graph.output.map((o) => o.name)).toEqual([
      'out',
      'scores',
      'encoder.v_next',
      'l1.z_next',
      'l1.v_next',
      'l1.i_next',
      'out.v_next',
      'out.i_next',
      'decoder.max_next',
    ]);
    const info = modelInfo(bytes);
    expect(info.states.find((s) => s.input === 'decoder.max')).toEqual({
      input: 'decoder.max',
      output: 'decoder.max_next',
      shape: [3],
      init: Number.NEGATIVE_INFINITY,
    });
  });

  it('keeps user metadata and a per-neuron initial state', async () => {
    const cell = new LICell({ learnable: ['vLeak'], learnableShape: [2] });
    cell.loadStateDict({ v_leak: tensor([0.5, -0.5], [2]) });
    const bytes = await exportOnnx(new Sequential(new Linear(3, 2), cell), {
      inputShape: [3],
      encoder: 'spikes',
      form: 'step',
      metadata: { preset: 'mine' },
    });
    const { m, graph } = decode(bytes);
    expect(m.metadataProps.find((p) => p.key === 'preset')?.value).toBe('mine');
    expect(modelInfo(bytes).states.find((s) => s.input === '1.v')?.init).toEqual([0.5, -0.5]);
    expect(graph.initializer.map((t) => t.name)).toEqual(
      expect.arrayContaining(['0.weight', '0.bias', '1.v_leak']),
    );
  });
});

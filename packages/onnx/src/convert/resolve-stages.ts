import {
  Alpha,
  CobaLIFCell,
  Conv2d,
  Dropout,
  EIFNode,
  EncoderSNNDecoder,
  Flatten,
  IAFCell,
  IFNode,
  IzhikevichCell,
  IzhikevichNode,
  isExactly,
  KLIFNode,
  knownAncestor,
  Lapicque,
  Leaky,
  LI,
  LICell,
  LIF,
  LIFAdExCell,
  LIFBoxCell,
  LIFCell,
  LIFExCell,
  LIFNode,
  LIFRecurrentCell,
  LIFRefracCell,
  LILinearCell,
  Lift,
  Linear,
  LSNNCell,
  MaxPool2d,
  Module,
  ParametricLIFNode,
  QIFNode,
  RecurrentSNN,
  RLeaky,
  RSynaptic,
  Sequential,
  Synaptic,
} from '@snn/modules';
import { OnnxExportError } from '../errors.js';
import { layerStage } from './layers.js';
import { norseStage } from './norse-cells.js';
import { norseZooStage } from './norse-zoo.js';
import { snntorchStage } from './snntorch-cells.js';
import { snntorchZooStage } from './snntorch-zoo.js';
import { spikingjellyStage } from './spikingjelly-nodes.js';
import { spikingjellyZooStage } from './spikingjelly-zoo.js';
import type { ExportContext, Stage } from './stage.js';
import { StepFunction } from './step-functions.js';

/** One entry of a network given as a list: a module, a step function, or either with a name. */
export type StageInput = Module | StepFunction | readonly [string, Module | StepFunction];

/**
 * What can be exported: a module the exporter knows (a layer, a cell, a `Sequential` of them,
 * `RecurrentSNN`), or the per-step pieces of any model in the order its forward applies them.
 * Stateful cells in a list or `Sequential` keep their own state from step to step, as Norse's
 * `SequentialState`.
 */
export type Network = Module | readonly StageInput[];

const className = (m: object): string => m.constructor?.name ?? typeof m;

/** The module classes with a converter (matched exactly, never their subclasses). */
const SUPPORTED = [
  Linear,
  Conv2d,
  MaxPool2d,
  Flatten,
  Dropout,
  Sequential,
  Lift,
  LIFCell,
  LIF,
  LIFRecurrentCell,
  LICell,
  LI,
  LILinearCell,
  LIFExCell,
  LIFAdExCell,
  LSNNCell,
  CobaLIFCell,
  LIFBoxCell,
  LIFRefracCell,
  IAFCell,
  IzhikevichCell,
  Leaky,
  Synaptic,
  Alpha,
  Lapicque,
  RLeaky,
  RSynaptic,
  LIFNode,
  IFNode,
  ParametricLIFNode,
  QIFNode,
  EIFNode,
  IzhikevichNode,
  KLIFNode,
  RecurrentSNN,
] as const;

/** Why a module cannot be exported, for modules known to be unexportable. */
function refusal(m: Module): string | undefined {
  if (m instanceof EncoderSNNDecoder) {
    return 'its encoder and decoder are closures the exporter cannot read; export its `snn` and pass the encoder and decoder as export options';
  }
  const parent = knownAncestor(m, SUPPORTED);
  if (parent) {
    return `a subclass of ${parent}: it may step differently (a neuron model of its own, an overridden forward), and the exporter converts ${parent} itself only`;
  }
  return undefined;
}

function moduleStages(name: string, m: Module, ctx: ExportContext): Stage[] {
  // A lone layer or cell exported as the whole network is named by its class.
  const stageName = name || className(m).toLowerCase();
  const known =
    layerStage(stageName, m, ctx) ??
    norseStage(stageName, m, ctx) ??
    norseZooStage(stageName, m, ctx) ??
    snntorchStage(stageName, m, ctx) ??
    snntorchZooStage(stageName, m, ctx) ??
    spikingjellyStage(stageName, m, ctx) ??
    spikingjellyZooStage(stageName, m, ctx);
  if (known) return [known];
  if (isExactly(m, Sequential)) {
    return m.namedChildren().flatMap(([child, sub]) => moduleStages(join(name, child), sub, ctx));
  }
  if (isExactly(m, Lift)) return moduleStages(join(name, 'lifted_module'), m.liftedModule, ctx);
  if (isExactly(m, RecurrentSNN)) {
    // Its forward flattens each step to [batch, inputFeatures] before l1.
    return [
      flattenTo(join(name, 'flatten'), m.inputFeatures),
      ...moduleStages(join(name, 'l1'), m.l1, ctx),
      ...moduleStages(join(name, 'fc_out'), m.fc_out, ctx),
      ...moduleStages(join(name, 'out'), m.out, ctx),
    ];
  }
  const where = `${name || '(root)'} (${className(m)})`;
  const reason =
    refusal(m) ??
    (m.namedChildren().length > 0
      ? 'a model class with its own forward: the exporter cannot see the order in which it applies its layers. ' +
        `Pass its per-step pieces in order instead, e.g. exportOnnx([${m
          .namedChildren()
          .slice(0, 3)
          .map(([c]) => `model.${c}`)
          .join(', ')}, ...], options)`
      : `no ONNX converter for this module (supported: ${SUPPORTED.map((c) => c.name).join(', ')})`);
  throw new OnnxExportError(`cannot export ${where}: ${reason}`);
}

function join(a: string, b: string): string {
  return a ? `${a}.${b}` : b;
}

/** RecurrentSNN's reshape of each step to [batch, features]. */
function flattenTo(name: string, features: number): Stage {
  return {
    name,
    kind: `reshape(x, [-1, ${features}])`,
    plan: (input) => {
      const size = input.slice(1).reduce<number>((a, b) => a * (b as number), 1);
      if (size !== features) {
        throw new OnnxExportError(
          `${name}: RecurrentSNN expects ${features} features per step, got [${input.join(', ')}]`,
        );
      }
      return { output: [input[0], features], states: [] };
    },
    emit: (ops, x) => ({
      out: x.shape.length === 2 ? x : ops.reshape(x, [0, features], [x.shape[0], features], 'y'),
      state: {},
    }),
  };
}

/**
 * The stages of a network, in step order, each named by its module's path in the model
 * (`l1`, `fc_out`, `0`) or the name given with it; unnamed pieces get their kind as name.
 */
export function resolveStages(network: Network, ctx: ExportContext): Stage[] {
  const entries: [string | undefined, Module | StepFunction][] = Array.isArray(network)
    ? (network as readonly StageInput[]).map((e) =>
        Array.isArray(e) ? [e[0], e[1]] : [undefined, e as Module | StepFunction],
      )
    : [[undefined, network as Module]];
  const stages: Stage[] = [];
  const used = new Set<string>();
  const unique = (base: string) => {
    let n = base;
    for (let k = 2; used.has(n); k++) n = `${base}_${k}`;
    used.add(n);
    return n;
  };
  entries.forEach(([given, piece], index) => {
    if (piece instanceof StepFunction) {
      stages.push(piece.toStage(unique(given ?? piece.defaultName)));
      return;
    }
    if (!(piece instanceof Module)) {
      throw new OnnxExportError(
        `cannot export entry ${index} of the network list: expected a Module or a step function (relu(), scale(k)), got ${
          piece === null ? 'null' : className(piece as object)
        }`,
      );
    }
    // The name is fixed before the stages are made: converters name initializers after it. A
    // network given as one module names its stages by their paths inside it ('l1', '0').
    const path = given ?? (piece.path || (Array.isArray(network) ? className(piece).toLowerCase() : ''));
    const base = path ? unique(path) : '';
    for (const stage of moduleStages(base, piece, ctx)) {
      if (stage.name !== base && used.has(stage.name)) {
        throw new OnnxExportError(
          `cannot export two pieces named "${stage.name}": give them distinct names ([name, module])`,
        );
      }
      used.add(stage.name);
      stages.push(stage);
    }
  });
  return stages;
}

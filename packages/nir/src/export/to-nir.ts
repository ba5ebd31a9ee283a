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
import { NirConversionError } from '../errors.js';
import type { IntList, NirGraph } from '../ir/graph.js';
import { type Cursor, GraphBuilder } from './builder.js';
import { layerNodes, stepFunctionNodes } from './layers.js';
import { norseNodes } from './norse.js';
import { snntorchNodes } from './snntorch.js';
import { spikingjellyNodes } from './spikingjelly.js';
import { NirStepFunction } from './step-functions.js';

/** One entry of a network given as a list: a module, relu()/scale(k), or either with a name. */
export type NirPiece = Module | NirStepFunction | readonly [string, Module | NirStepFunction];

/** A module (a layer, a cell, a Sequential of them, RecurrentSNN) or the per-step pieces of a model, in order. */
export type NirNetwork = Module | readonly NirPiece[];

/** Options of {@link toNir}. */
export interface ToNirOptions {
  /**
   * The time step the graph's time constants are written for, in seconds. NIR files do not store it:
   * the reader needs the same value (snnTorch's exporter uses 1e-4, Norse's 1e-3).
   */
  readonly dt: number;
  /** The shape of one sample at one time step, without batch: [784], [1, 28, 28]. */
  readonly inputShape: IntList;
  /** Extra entries for the graph's metadata (strings, numbers, arrays, objects). */
  readonly metadata?: Readonly<Record<string, unknown>>;
}

const className = (m: object): string => m.constructor?.name ?? typeof m;

// Why the modules without a converter have no exact NIR form.
const REFUSALS: [abstract new (...a: never[]) => Module, string][] = [
  [
    Alpha,
    "its membrane is a weighted sum of two synaptic currents (tau_alpha*(exc + inh)), not an integrated one: NIR's neurons integrate their input",
  ],
  [LIFExCell, 'the exponential term delta_T*exp((v - v_th)/delta_T) has no NIR neuron'],
  [LIFAdExCell, 'the exponential term and the adaptation current have no NIR neuron'],
  [LSNNCell, 'its adaptive threshold b (b += beta*z) has no NIR neuron'],
  [
    CobaLIFCell,
    "conductance-based synapses (reversal potentials) have no NIR neuron: NIR's are current-based",
  ],
  [LIFRefracCell, 'the refractory counter has no NIR neuron'],
  [IzhikevichCell, 'the quadratic membrane and its recovery variable u have no NIR neuron'],
  [
    ParametricLIFNode,
    'its 1/tau = sigmoid(w) is a parameterisation of LIFNode: NIR would hold the time constant only, so it is refused rather than silently turned into a LIFNode (convert it as LIFNode with tau = 1/sigmoid(w) if that is what you want)',
  ],
  [QIFNode, 'the quadratic membrane has no NIR neuron'],
  [EIFNode, 'the exponential membrane has no NIR neuron'],
  [IzhikevichNode, 'the quadratic membrane and its adaptation w have no NIR neuron'],
  [KLIFNode, 'F = relu(k*h) is not a threshold: no NIR neuron emits it'],
  [
    EncoderSNNDecoder,
    'its encoder and decoder are closures, and NIR graphs hold the network only: convert its `snn` and keep the encoder and decoder in your code',
  ],
];

/** The classes with a converter (matched exactly, never their subclasses). */
const CONVERTED = [
  Linear,
  Conv2d,
  Flatten,
  MaxPool2d,
  Dropout,
  Sequential,
  Lift,
  RecurrentSNN,
  LIFCell,
  LIF,
  LIFRecurrentCell,
  LICell,
  LI,
  LILinearCell,
  LIFBoxCell,
  IAFCell,
  Leaky,
  Synaptic,
  RLeaky,
  RSynaptic,
  Lapicque,
  LIFNode,
  IFNode,
] as const;

async function moduleNodes(name: string, m: Module, cur: Cursor, b: GraphBuilder): Promise<Cursor> {
  // A lone layer or cell converted as the whole network is named by its class.
  const leaf = name || className(m).toLowerCase();
  const known =
    (await layerNodes(leaf, m, cur, b)) ??
    (await norseNodes(leaf, m, cur, b)) ??
    (await snntorchNodes(leaf, m, cur, b)) ??
    (await spikingjellyNodes(leaf, m, cur, b));
  if (known) return known;
  if (isExactly(m, Sequential)) {
    let c = cur;
    for (const [child, sub] of m.namedChildren()) c = await moduleNodes(join(name, child), sub, c, b);
    return c;
  }
  if (isExactly(m, Lift)) return moduleNodes(join(name, 'lifted_module'), m.liftedModule, cur, b);
  if (isExactly(m, RecurrentSNN)) {
    const size = cur.shape.reduce((x, y) => x * y, 1);
    let c = cur;
    if (cur.shape.length !== 1) {
      const tail = b.chain(cur, join(name, 'flatten'), {
        type: 'Flatten',
        input_type: cur.shape,
        start_dim: 0,
        end_dim: -1,
      });
      c = { tail, shape: [size], spikes: cur.spikes };
    }
    for (const child of ['l1', 'fc_out', 'out'] as const)
      c = await moduleNodes(join(name, child), m[child], c, b);
    return c;
  }
  const where = `${name || '(root)'} (${className(m)})`;
  const refused = REFUSALS.find(([cls]) => isExactly(m, cls));
  const parent = knownAncestor(m, [...CONVERTED]);
  const reason =
    refused?.[1] ??
    (parent
      ? `a subclass of ${parent}: it may step differently (a neuron model of its own, an overridden forward), and the converter handles ${parent} itself only`
      : m.namedChildren().length > 0
        ? `a model class with its own forward: the converter cannot see the order in which it applies its layers. Pass its per-step pieces in order instead, e.g. toNir([${m
            .namedChildren()
            .slice(0, 3)
            .map(([c]) => `model.${c}`)
            .join(', ')}, ...], options)`
        : `no NIR conversion for this module (converted: ${CONVERTED.map((c) => c.name).join(', ')})`);
  throw new NirConversionError(`cannot convert ${where} to NIR: ${reason}`);
}

const join = (a: string, b: string): string => (a ? `${a}.${b}` : b);

/**
 * Converts a network to a NIR graph: Input -> the network's nodes -> Output, every parameter written
 * for the time step `dt`. A network given as one module names its nodes by their paths in it
 * (`l1`, `fc_out`, `0`); list entries by their module's path or the name given with them. Classes
 * are matched exactly; anything without an exact NIR form throws a NirConversionError naming it.
 *
 * @param network - A module, or a model's per-step pieces in order (with {@link relu} / {@link scale}).
 * @param options - `dt` in seconds (the time step the parameters are written for), `inputShape`
 *   (one sample, no batch) and optional metadata.
 * @example
 * ```ts
 * import { writeFile } from 'node:fs/promises';
 * import { RecurrentSNN } from '@snn/modules';
 * import { toNir, writeNir } from '@snn/nir';
 * const graph = await toNir(new RecurrentSNN(784, 100, 10), { dt: 1e-3, inputShape: [784] });
 * await writeFile('model.nir', await writeNir(graph));
 * ```
 */
export async function toNir(network: NirNetwork, options: ToNirOptions): Promise<NirGraph> {
  return (await buildNir(network, options)).graph;
}

/** {@link toNir}'s graph with the builder that made it (which records where each array came from). */
export async function buildNir(
  network: NirNetwork,
  options: ToNirOptions,
): Promise<{ graph: NirGraph; builder: GraphBuilder }> {
  const { dt, inputShape } = options;
  if (!(dt > 0) || !Number.isFinite(dt))
    throw new NirConversionError(`toNir: dt must be a positive number of seconds, got ${dt}`);
  if (!inputShape.every((d) => Number.isInteger(d) && d > 0)) {
    throw new NirConversionError(
      `toNir: inputShape must be positive integers (one sample, no batch), got [${inputShape.join(', ')}]`,
    );
  }
  const b = new GraphBuilder(dt);
  const input = b.add('input', { type: 'Input', shape: [...inputShape] });
  let cur: Cursor = { tail: input, shape: [...inputShape], spikes: false };
  const entries: [string | undefined, Module | NirStepFunction][] = Array.isArray(network)
    ? (network as readonly NirPiece[]).map((e) =>
        Array.isArray(e) ? [e[0], e[1]] : [undefined, e as Module | NirStepFunction],
      )
    : [[undefined, network as Module]];
  for (const [index, [given, piece]] of entries.entries()) {
    if (piece instanceof NirStepFunction) {
      cur = stepFunctionNodes(given ?? piece.defaultName, piece, cur, b);
      continue;
    }
    if (!(piece instanceof Module)) {
      throw new NirConversionError(
        `cannot convert entry ${index} of the network list: expected a Module or relu()/scale(k), got ${piece === null ? 'null' : className(piece as object)}`,
      );
    }
    const name = given ?? (piece.path || (Array.isArray(network) ? className(piece).toLowerCase() : ''));
    cur = await moduleNodes(name, piece, cur, b);
  }
  const output = b.add('output', { type: 'Output', shape: cur.shape });
  b.edge(cur.tail, output);
  return { graph: b.graph({ ...(options.metadata ?? {}), 'snn.dt': dt }), builder: b };
}

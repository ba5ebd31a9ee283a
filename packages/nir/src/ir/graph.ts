/*
 * The NIR graph in memory, field for field as the `nir` Python package (1.0) defines its nodes
 * (nir/ir/*.py): names are NIR's own (snake_case), arrays keep the dtype they were read or made with
 * (float32 weights, float64 neuron constants are both common in files written by snnTorch and Norse).
 * Shapes never include the batch: an Input of shape [784] takes [batch, 784] at every time step.
 */

/** A numeric parameter: row-major values and the shape (`[]` for a scalar). */
export interface NirArray {
  /** The values, row-major, in the dtype the file or the exporter gave them. */
  readonly data: Float32Array | Float64Array;
  /** The array's shape; `[]` for a scalar. */
  readonly shape: readonly number[];
}

/** A per-sample shape or a per-dimension integer attribute (stride, padding...). */
export type IntList = readonly number[];

/** The graph's input: `shape` is one sample at one time step, without batch. */
export interface InputNode {
  /** Discriminant: `'Input'`. */
  readonly type: 'Input';
  /** One sample's shape at one time step, without batch (e.g. `[784]`). */
  readonly shape: IntList;
}
/** The graph's output: `shape` is one sample at one time step, without batch. */
export interface OutputNode {
  /** Discriminant: `'Output'`. */
  readonly type: 'Output';
  /** One sample's shape at one time step, without batch (e.g. `[10]`). */
  readonly shape: IntList;
}
/** y = W x + b, W [out, in]. */
export interface AffineNode {
  /** Discriminant: `'Affine'`. */
  readonly type: 'Affine';
  /** Weights W, shape `[out, in]`. */
  readonly weight: NirArray;
  /** Bias b, shape `[out]`. */
  readonly bias: NirArray;
}
/** y = W x, W [out, in]. */
export interface LinearNode {
  /** Discriminant: `'Linear'`. */
  readonly type: 'Linear';
  /** Weights W, shape `[out, in]`. */
  readonly weight: NirArray;
}
/** PyTorch's Conv2d: weight [C_out, C_in, kH, kW], bias [C_out]; `input_shape` [H, W]. */
export interface Conv2dNode {
  /** Discriminant: `'Conv2d'`. */
  readonly type: 'Conv2d';
  /** Input height and width `[H, W]`, or null when not recorded (inferred from the graph). */
  readonly input_shape: IntList | null;
  /** Kernels, shape `[C_out, C_in / groups, kH, kW]`. */
  readonly weight: NirArray;
  /** Bias, shape `[C_out]`. */
  readonly bias: NirArray;
  /** Stride `[sH, sW]`, in pixels. */
  readonly stride: IntList;
  /** Zero padding `[pH, pW]` on each side, in pixels, or PyTorch's `'same'` / `'valid'`. */
  readonly padding: IntList | 'same' | 'valid';
  /** Dilation `[dH, dW]` (1: a dense kernel). */
  readonly dilation: IntList;
  /** Channel groups, as PyTorch's `groups` (1: every output channel sees every input channel). */
  readonly groups: number;
}
/** Sum (or average) over kernel windows of each channel, [C, H, W] -> [C, H', W']. */
export interface PoolNode {
  /** `'SumPool2d'` (sum over each window) or `'AvgPool2d'` (mean over each window). */
  readonly type: 'SumPool2d' | 'AvgPool2d';
  /** Window `[kH, kW]`, in pixels. */
  readonly kernel_size: IntList;
  /** Stride `[sH, sW]`, in pixels. */
  readonly stride: IntList;
  /** Zero padding `[pH, pW]` on each side, in pixels. */
  readonly padding: IntList;
}
/** Merges dims start_dim..end_dim of the per-sample shape `input_type`. */
export interface FlattenNode {
  /** Discriminant: `'Flatten'`. */
  readonly type: 'Flatten';
  /** The per-sample input shape (no batch), or null when not recorded (inferred from the graph). */
  readonly input_type: IntList | null;
  /** First per-sample dim merged (0 is the first dim after the batch; negative counts from the end). */
  readonly start_dim: number;
  /** Last per-sample dim merged, inclusive (-1: the last). */
  readonly end_dim: number;
}
/** y = x * scale, elementwise. */
export interface ScaleNode {
  /** Discriminant: `'Scale'`. */
  readonly type: 'Scale';
  /** The factor, per element of the input (or one value). */
  readonly scale: NirArray;
}
/** z = H(x - threshold): 1 where x > threshold. */
export interface ThresholdNode {
  /** Discriminant: `'Threshold'`. */
  readonly type: 'Threshold';
  /** Threshold per element of the input (or one value). */
  readonly threshold: NirArray;
}
/** y(t) = x(t - delay), delay in the graph's time unit (seconds), per element. */
export interface DelayNode {
  /** Discriminant: `'Delay'`. */
  readonly type: 'Delay';
  /** Delay per element, in seconds. */
  readonly delay: NirArray;
}
/** Leaky integrator: tau dv/dt = (v_leak - v) + r I. */
export interface LINode {
  /** Discriminant: `'LI'`. */
  readonly type: 'LI';
  /** Membrane time constant tau, in seconds, per neuron (Norse's 1 / tauMemInv). */
  readonly tau: NirArray;
  /** Input resistance r: the input's weight in dv/dt, per neuron. */
  readonly r: NirArray;
  /** Leak (resting) potential v_leak the membrane decays towards, per neuron. */
  readonly v_leak: NirArray;
}
/** LI plus z = H(v - v_threshold) and v <- v_reset where z. */
export interface LIFNode {
  /** Discriminant: `'LIF'`. */
  readonly type: 'LIF';
  /** Membrane time constant tau, in seconds, per neuron (Norse's 1 / tauMemInv). */
  readonly tau: NirArray;
  /** Input resistance r: the input's weight in dv/dt, per neuron. */
  readonly r: NirArray;
  /** Leak (resting) potential v_leak the membrane decays towards, per neuron. */
  readonly v_leak: NirArray;
  /** Firing threshold, per neuron: z = H(v - v_threshold), a spike when v exceeds it. */
  readonly v_threshold: NirArray;
  /** Potential v is set to after a spike, per neuron. */
  readonly v_reset: NirArray;
}
/** Current-based LI: tau_syn dI/dt = -I + w_in S;  tau_mem dv/dt = (v_leak - v) + r I. */
export interface CubaLINode {
  /** Discriminant: `'CubaLI'`. */
  readonly type: 'CubaLI';
  /** Synaptic current time constant tau_syn, in seconds, per neuron (Norse's 1 / tauSynInv). */
  readonly tau_syn: NirArray;
  /** Membrane time constant tau_mem, in seconds, per neuron (Norse's 1 / tauMemInv). */
  readonly tau_mem: NirArray;
  /** Input resistance r: the current's weight in dv/dt, per neuron. */
  readonly r: NirArray;
  /** Leak (resting) potential v_leak, per neuron. */
  readonly v_leak: NirArray;
  /** Input weight w_in: the input's weight in dI/dt, per neuron. */
  readonly w_in: NirArray;
}
/** CubaLI plus threshold and reset of v. */
export interface CubaLIFNode {
  /** Discriminant: `'CubaLIF'`. */
  readonly type: 'CubaLIF';
  /** Synaptic current time constant tau_syn, in seconds, per neuron (Norse's 1 / tauSynInv). */
  readonly tau_syn: NirArray;
  /** Membrane time constant tau_mem, in seconds, per neuron (Norse's 1 / tauMemInv). */
  readonly tau_mem: NirArray;
  /** Input resistance r: the current's weight in dv/dt, per neuron. */
  readonly r: NirArray;
  /** Leak (resting) potential v_leak, per neuron. */
  readonly v_leak: NirArray;
  /** Firing threshold, per neuron: z = H(v - v_threshold), a spike when v exceeds it. */
  readonly v_threshold: NirArray;
  /** Potential v is set to after a spike, per neuron. */
  readonly v_reset: NirArray;
  /** Input weight w_in: the input's weight in dI/dt, per neuron. */
  readonly w_in: NirArray;
}
/** Integrator: dv/dt = r I. */
export interface INode {
  /** Discriminant: `'I'`. */
  readonly type: 'I';
  /** Input weight r in dv/dt, per neuron. */
  readonly r: NirArray;
}
/** Integrate-and-fire: dv/dt = r I, z = H(v - v_threshold), v <- v_reset where z. */
export interface IFNode {
  /** Discriminant: `'IF'`. */
  readonly type: 'IF';
  /** Input weight r in dv/dt, per neuron. */
  readonly r: NirArray;
  /** Firing threshold, per neuron. */
  readonly v_threshold: NirArray;
  /** Potential v is set to after a spike, per neuron. */
  readonly v_reset: NirArray;
}
/** A node type the file holds that this package reads but cannot run (e.g. Conv1d). */
export interface OtherNode {
  /** The node type as the file names it (e.g. `'Conv1d'`). */
  readonly type: 'Conv1d';
  /** The node's fields as read from the file, unchecked. */
  readonly fields: Readonly<Record<string, unknown>>;
}

/**
 * A graph: named nodes and identity edges [from, to]; several edges into one node are summed.
 *
 * @example
 * ```ts
 * const graph: NirGraph = {
 *   type: 'NIRGraph',
 *   nodes: {
 *     input: { type: 'Input', shape: [2] },
 *     fc: { type: 'Linear', weight: nirArray([1, -1, 0.5, 0.5], [2, 2], 'float32') },
 *     lif: { type: 'LIF', tau: nirArray(0.01, [2]), r: nirArray(10, [2]), v_leak: nirArray(0, [2]),
 *            v_threshold: nirArray(1, [2]), v_reset: nirArray(0, [2]) },
 *     output: { type: 'Output', shape: [2] },
 *   },
 *   edges: [['input', 'fc'], ['fc', 'lif'], ['lif', 'output']],
 *   metadata: {},
 * };
 * checkGraph(graph);
 * ```
 */
export interface NirGraph {
  /** Discriminant: `'NIRGraph'`. */
  readonly type: 'NIRGraph';
  /** The nodes by name; a node may itself be a graph (snnTorch's RLeaky, flattened on import). */
  readonly nodes: Readonly<Record<string, NirNode>>;
  /** [from, to] node names; several edges into one node are summed. */
  readonly edges: readonly (readonly [string, string])[];
  /** String, number or array values; a nested group reads as a nested object. */
  readonly metadata: Readonly<Record<string, unknown>>;
}

/** Any node NIR 1.0 defines (discriminated by `type`), or one kept as read (`OtherNode`). */
export type NirNode =
  | InputNode
  | OutputNode
  | AffineNode
  | LinearNode
  | Conv2dNode
  | PoolNode
  | FlattenNode
  | ScaleNode
  | ThresholdNode
  | DelayNode
  | LINode
  | LIFNode
  | CubaLINode
  | CubaLIFNode
  | INode
  | IFNode
  | OtherNode
  | NirGraph;

/** The `type` names of NIR's nodes: 'Input', 'Affine', 'CubaLIF', 'NIRGraph'... */
export type NirNodeType = NirNode['type'];

/** Every node type NIR 1.0 defines that a file may hold (nir/ir/__init__.py's serialisable set, plus CubaLI). */
export const NIR_NODE_TYPES: readonly NirNodeType[] = [
  'Input',
  'Output',
  'Affine',
  'Linear',
  'Conv2d',
  'Conv1d',
  'SumPool2d',
  'AvgPool2d',
  'Flatten',
  'Scale',
  'Threshold',
  'Delay',
  'LI',
  'LIF',
  'CubaLI',
  'CubaLIF',
  'I',
  'IF',
  'NIRGraph',
];

/**
 * A float array of `shape` filled from `values` (one value broadcast, or one per element); dtype
 * default float64. Throws a RangeError when the values do not fill the shape.
 *
 * @param values - One value for every element, or one per element (row-major).
 * @param shape - The array's shape.
 * @param dtype - 'float64' (default) or 'float32'.
 * @example
 * ```ts
 * nirArray(0.01, [100]); // tau of 100 neurons, 10 ms each
 * nirArray([1, -1, 0.5, 0.5], [2, 2], 'float32'); // a 2x2 weight
 * ```
 */
export function nirArray(
  values: number | ArrayLike<number>,
  shape: readonly number[],
  dtype: 'float32' | 'float64' = 'float64',
): NirArray {
  const size = shape.reduce((a, b) => a * b, 1);
  const data = dtype === 'float32' ? new Float32Array(size) : new Float64Array(size);
  if (typeof values === 'number') data.fill(values);
  else if (values.length === 1) data.fill(values[0]);
  else if (values.length === size) data.set(values);
  else throw new RangeError(`nirArray: ${values.length} values do not fill shape [${shape.join(', ')}]`);
  return { data, shape: [...shape] };
}

/**
 * The number of elements of a shape (1 for `[]`).
 *
 * @param shape - The dimensions.
 * @example
 * ```ts
 * console.log(sizeOf([2, 3, 4]), sizeOf([])); // 24 1
 * ```
 */
export const sizeOf = (shape: readonly number[]): number => shape.reduce((a, b) => a * b, 1);

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
  readonly type: 'Input';
  readonly shape: IntList;
}
/** The graph's output: `shape` is one sample at one time step, without batch. */
export interface OutputNode {
  readonly type: 'Output';
  readonly shape: IntList;
}
/** y = W x + b, W [out, in]. */
export interface AffineNode {
  readonly type: 'Affine';
  readonly weight: NirArray;
  readonly bias: NirArray;
}
/** y = W x, W [out, in]. */
export interface LinearNode {
  readonly type: 'Linear';
  readonly weight: NirArray;
}
/** PyTorch's Conv2d: weight [C_out, C_in, kH, kW], bias [C_out]; `input_shape` [H, W]. */
export interface Conv2dNode {
  readonly type: 'Conv2d';
  readonly input_shape: IntList | null;
  readonly weight: NirArray;
  readonly bias: NirArray;
  readonly stride: IntList;
  readonly padding: IntList | 'same' | 'valid';
  readonly dilation: IntList;
  readonly groups: number;
}
/** Sum (or average) over kernel windows of each channel, [C, H, W] -> [C, H', W']. */
export interface PoolNode {
  readonly type: 'SumPool2d' | 'AvgPool2d';
  readonly kernel_size: IntList;
  readonly stride: IntList;
  readonly padding: IntList;
}
/** Merges dims start_dim..end_dim of the per-sample shape `input_type`. */
export interface FlattenNode {
  readonly type: 'Flatten';
  readonly input_type: IntList | null;
  readonly start_dim: number;
  readonly end_dim: number;
}
/** y = x * scale, elementwise. */
export interface ScaleNode {
  readonly type: 'Scale';
  readonly scale: NirArray;
}
/** z = H(x - threshold): 1 where x > threshold. */
export interface ThresholdNode {
  readonly type: 'Threshold';
  readonly threshold: NirArray;
}
/** y(t) = x(t - delay), delay in the graph's time unit (seconds), per element. */
export interface DelayNode {
  readonly type: 'Delay';
  readonly delay: NirArray;
}
/** Leaky integrator: tau dv/dt = (v_leak - v) + r I. */
export interface LINode {
  readonly type: 'LI';
  readonly tau: NirArray;
  readonly r: NirArray;
  readonly v_leak: NirArray;
}
/** LI plus z = H(v - v_threshold) and v <- v_reset where z. */
export interface LIFNode {
  readonly type: 'LIF';
  readonly tau: NirArray;
  readonly r: NirArray;
  readonly v_leak: NirArray;
  readonly v_threshold: NirArray;
  readonly v_reset: NirArray;
}
/** Current-based LI: tau_syn dI/dt = -I + w_in S;  tau_mem dv/dt = (v_leak - v) + r I. */
export interface CubaLINode {
  readonly type: 'CubaLI';
  readonly tau_syn: NirArray;
  readonly tau_mem: NirArray;
  readonly r: NirArray;
  readonly v_leak: NirArray;
  readonly w_in: NirArray;
}
/** CubaLI plus threshold and reset of v. */
export interface CubaLIFNode {
  readonly type: 'CubaLIF';
  readonly tau_syn: NirArray;
  readonly tau_mem: NirArray;
  readonly r: NirArray;
  readonly v_leak: NirArray;
  readonly v_threshold: NirArray;
  readonly v_reset: NirArray;
  readonly w_in: NirArray;
}
/** Integrator: dv/dt = r I. */
export interface INode {
  readonly type: 'I';
  readonly r: NirArray;
}
/** Integrate-and-fire: dv/dt = r I, z = H(v - v_threshold), v <- v_reset where z. */
export interface IFNode {
  readonly type: 'IF';
  readonly r: NirArray;
  readonly v_threshold: NirArray;
  readonly v_reset: NirArray;
}
/** A node type the file holds that this package reads but cannot run (e.g. Conv1d). */
export interface OtherNode {
  readonly type: 'Conv1d';
  readonly fields: Readonly<Record<string, unknown>>;
}

/** A graph: named nodes and identity edges [from, to]; several edges into one node are summed. */
export interface NirGraph {
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

/** A float array of `shape` filled from `values` (one value broadcast, or one per element). */
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

/** The number of elements of a shape (1 for `[]`). */
export const sizeOf = (shape: readonly number[]): number => shape.reduce((a, b) => a * b, 1);

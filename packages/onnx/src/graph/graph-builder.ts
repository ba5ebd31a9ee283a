import {
  type AttributeProto,
  AttributeType,
  DataType,
  type ElemType,
  type GraphProto,
  type NodeProto,
  type TensorProto,
  type ValueInfoProto,
} from '../proto/onnx-proto.js';

/** A dimension: a number, or a symbolic name ('batch', 'time') fixed only when the model runs. */
export type Dim = number | string;

/** A named tensor value of the graph being built, with what is known of its type and shape. */
export interface Value {
  readonly name: string;
  readonly type: ElemType;
  readonly shape: readonly Dim[];
}

export type AttrValue = number | readonly number[] | string | GraphProto | { readonly float: number };

/**
 * Unique value names across one model: ONNX wants every value name of a model (subgraphs
 * included) to be defined once, and readable names are the point of this package, so a clash gets a
 * numeric suffix (`l1/z_2`) rather than an opaque id. Exact names (initializers named after
 * state-dict keys, graph inputs) are claimed with `claim`, which refuses a duplicate.
 */
export class NameScope {
  private readonly used = new Set<string>();

  unique(base: string): string {
    let name = base;
    for (let k = 2; this.used.has(name); k++) name = `${base}_${k}`;
    this.used.add(name);
    return name;
  }

  claim(name: string): string {
    if (this.used.has(name)) throw new Error(`internal: ONNX value name "${name}" defined twice`);
    this.used.add(name);
    return name;
  }

  has(name: string): boolean {
    return this.used.has(name);
  }
}

function attribute(name: string, v: AttrValue): AttributeProto {
  if (typeof v === 'string') return { name, type: AttributeType.STRING, s: new TextEncoder().encode(v) };
  if (typeof v === 'number') return { name, type: AttributeType.INT, i: v };
  if (Array.isArray(v)) return { name, type: AttributeType.INTS, ints: [...(v as number[])] };
  if (typeof v === 'object' && v !== null && 'float' in v) {
    return { name, type: AttributeType.FLOAT, f: (v as { float: number }).float };
  }
  return { name, type: AttributeType.GRAPH, g: v as GraphProto };
}

export function valueInfo(v: Value): ValueInfoProto {
  return {
    name: v.name,
    type: {
      tensorType: {
        elemType: DataType[v.type],
        shape: { dim: v.shape.map((d) => (typeof d === 'number' ? { dimValue: d } : { dimParam: d })) },
      },
    },
  };
}

export type TensorData = Float32Array | Int32Array | Uint8Array | readonly number[] | readonly bigint[];

/** A TensorProto holding `data` (raw little-endian bytes, as exporters usually write it). */
export function tensorProto(
  name: string,
  type: ElemType,
  dims: readonly number[],
  data: TensorData,
): TensorProto {
  let raw: Uint8Array;
  if (type === 'float32') raw = bytesOf(Float32Array.from(data as ArrayLike<number>));
  else if (type === 'int32') raw = bytesOf(Int32Array.from(data as ArrayLike<number>));
  else if (type === 'int64') {
    raw = bytesOf(BigInt64Array.from(Array.from(data as ArrayLike<number | bigint>, (v) => BigInt(v))));
  } else raw = Uint8Array.from(data as ArrayLike<number>);
  return { name, dataType: DataType[type], dims: [...dims], rawData: raw };
}

function bytesOf(a: Float32Array | Int32Array | BigInt64Array): Uint8Array {
  // TypedArrays are little-endian on every platform Node and browsers run on, as ONNX's raw_data is.
  return new Uint8Array(a.buffer, a.byteOffset, a.byteLength).slice();
}

/**
 * Builds one ONNX graph (the model's main graph or a Loop body). Nodes are appended in order
 * (topologically sorted by construction); initializers and constants always go to the root graph,
 * where every subgraph can see them.
 */
export class GraphBuilder {
  readonly nodes: NodeProto[] = [];
  readonly inputs: Value[] = [];
  readonly outputs: Value[] = [];
  private readonly initializers: TensorProto[] = [];
  private readonly valueInfos: Value[] = [];
  private readonly constants = new Map<string, Value>();
  private readonly produced = new Set<string>();

  constructor(
    readonly names: NameScope,
    readonly graphName: string,
    private readonly parent: GraphBuilder | null = null,
  ) {}

  get root(): GraphBuilder {
    return this.parent ? this.parent.root : this;
  }

  /** A new graph for a Loop body, sharing this model's names, initializers and constants. */
  subgraph(name: string): GraphBuilder {
    return new GraphBuilder(this.names, name, this);
  }

  input(name: string, type: ElemType, shape: readonly Dim[]): Value {
    const v = { name: this.names.claim(name), type, shape };
    this.inputs.push(v);
    return v;
  }

  /**
   * Declares `v` a graph output named `name` (exact), or under its own name when `name` is omitted.
   * An Identity node supplies the output when the name differs, or when `v` is not a fresh value of
   * this graph (an input, an outer-scope value, another output), as ONNX outputs must be.
   */
  output(v: Value, name?: string): Value {
    const fresh = this.produced.has(v.name) && !this.outputs.some((o) => o.name === v.name);
    const out =
      (name === undefined || name === v.name) && fresh
        ? v
        : name === undefined
          ? this.op('Identity', [v], { name: `${v.name}_out` })
          : this.op('Identity', [v], { name, exact: true });
    this.outputs.push(out);
    return out;
  }

  /** An initializer in the root graph under an exact name (a state-dict key, `l1.input_weights`). */
  initializer(name: string, type: ElemType, shape: readonly number[], data: TensorData): Value {
    return this.addInitializer(this.names.claim(name), type, shape, data);
  }

  private addInitializer(name: string, type: ElemType, shape: readonly number[], data: TensorData): Value {
    this.root.initializers.push(tensorProto(name, type, shape, data));
    return { name, type, shape };
  }

  /**
   * A constant in the root graph, named by its value (`const/0.5`) and deduplicated by value and
   * type, so every `0.5` threshold of a model is one initializer.
   */
  constant(value: number | readonly number[] | readonly bigint[], type: ElemType = 'float32'): Value {
    const root = this.root;
    const scalar = typeof value === 'number';
    const values: (number | bigint)[] = scalar ? [value] : [...(value as readonly (number | bigint)[])];
    const key = `${type}:${scalar ? '' : 'v'}:${values.map((x) => (Object.is(x, -0) ? '-0' : String(x))).join(',')}`;
    const hit = root.constants.get(key);
    if (hit) return hit;
    const v = this.addInitializer(
      this.names.unique(`const/${scalar ? formatNumber(value as number) : `${type}[${values.length}]`}`),
      type,
      scalar ? [] : [values.length],
      values as TensorData,
    );
    root.constants.set(key, v);
    return v;
  }

  /** Records shape information for an intermediate value (graph value_info), for readers and checkers. */
  annotate(v: Value): void {
    this.valueInfos.push(v);
  }

  /**
   * Appends a node. `outputs` gives each output's name hint (made unique), element type and shape;
   * one output returns a Value, several return an array.
   */
  op(
    opType: string,
    inputs: readonly (Value | null)[],
    options: {
      name: string;
      attrs?: Record<string, AttrValue>;
      type?: ElemType;
      shape?: readonly Dim[];
      exact?: boolean;
    },
  ): Value {
    return this.opN(opType, inputs, {
      attrs: options.attrs,
      outputs: [
        {
          name: options.name,
          type: options.type ?? inputs.find((x) => x)?.type ?? 'float32',
          shape: options.shape ?? inputs.find((x) => x)?.shape ?? [],
          exact: options.exact,
        },
      ],
    })[0];
  }

  opN(
    opType: string,
    inputs: readonly (Value | null)[],
    options: {
      attrs?: Record<string, AttrValue>;
      outputs: readonly { name: string; type: ElemType; shape: readonly Dim[]; exact?: boolean }[];
    },
  ): Value[] {
    const outs = options.outputs.map((o) => ({
      name: o.exact ? this.names.claim(o.name) : this.names.unique(o.name),
      type: o.type,
      shape: o.shape,
    }));
    for (const o of outs) this.produced.add(o.name);
    this.nodes.push({
      name: outs[0].name,
      opType,
      input: inputs.map((x) => (x ? x.name : '')),
      output: outs.map((o) => o.name),
      attribute: Object.entries(options.attrs ?? {}).map(([k, v]) => attribute(k, v)),
    });
    return outs;
  }

  toProto(docString?: string): GraphProto {
    return {
      name: this.graphName,
      docString,
      node: this.nodes,
      input: this.inputs.map(valueInfo),
      output: this.outputs.map(valueInfo),
      initializer: this.initializers,
      valueInfo: this.valueInfos.map(valueInfo),
    };
  }
}

function formatNumber(x: number): string {
  return Number.isInteger(x) || !Number.isFinite(x) ? String(x) : String(Number(x.toPrecision(6)));
}

import type { ElemType } from '../proto/onnx-proto.js';
import type { AttrValue, Dim, GraphBuilder, Value } from './graph-builder.js';

/** An operand: a value of the graph, or a number that becomes a float32 constant. */
export type Operand = Value | number;

/** numpy broadcasting of two known-or-symbolic shapes (a symbol meets 1 or itself). */
export function broadcastShapes(a: readonly Dim[], b: readonly Dim[]): Dim[] {
  const n = Math.max(a.length, b.length);
  const out: Dim[] = [];
  for (let k = 0; k < n; k++) {
    const x = a[a.length - n + k] ?? 1;
    const y = b[b.length - n + k] ?? 1;
    if (x === 1) out.push(y);
    else if (y === 1 || x === y) out.push(x);
    else if (typeof x === 'string' || typeof y === 'string') out.push(typeof x === 'number' ? x : y);
    else throw new Error(`internal: shapes [${a.join(', ')}] and [${b.join(', ')}] do not broadcast`);
  }
  return out;
}

/**
 * ONNX operators with the names and argument order of core's ops, appending to one graph with
 * readable output names (`<prefix>/<name>`). Each elementwise call is one node, in the order the
 * library evaluates it, so float32 results round the same way.
 */
export class Ops {
  constructor(
    readonly g: GraphBuilder,
    readonly prefix: string,
  ) {}

  /** The same graph, another name prefix. */
  scoped(prefix: string): Ops {
    return new Ops(this.g, prefix);
  }

  name(what: string): string {
    return this.prefix ? `${this.prefix}/${what}` : what;
  }

  value(x: Operand): Value {
    return typeof x === 'number' ? this.g.constant(x) : x;
  }

  node(
    opType: string,
    inputs: readonly (Value | null)[],
    what: string,
    out: { type?: ElemType; shape?: readonly Dim[]; attrs?: Record<string, AttrValue> } = {},
  ): Value {
    return this.g.op(opType, inputs, { name: this.name(what), ...out });
  }

  private binary(opType: string, a: Operand, b: Operand, what: string, type?: ElemType): Value {
    const x = this.value(a);
    const y = this.value(b);
    return this.node(opType, [x, y], what, {
      type: type ?? x.type,
      shape: broadcastShapes(x.shape, y.shape),
    });
  }

  add(a: Operand, b: Operand, what: string): Value {
    return this.binary('Add', a, b, what);
  }
  sub(a: Operand, b: Operand, what: string): Value {
    return this.binary('Sub', a, b, what);
  }
  mul(a: Operand, b: Operand, what: string): Value {
    return this.binary('Mul', a, b, what);
  }
  div(a: Operand, b: Operand, what: string): Value {
    return this.binary('Div', a, b, what);
  }
  maximum(a: Operand, b: Operand, what: string): Value {
    return this.binary('Max', a, b, what);
  }
  minimum(a: Operand, b: Operand, what: string): Value {
    return this.binary('Min', a, b, what);
  }
  greater(a: Operand, b: Operand, what: string): Value {
    return this.binary('Greater', a, b, what, 'bool');
  }
  greaterEqual(a: Operand, b: Operand, what: string): Value {
    return this.binary('GreaterOrEqual', a, b, what, 'bool');
  }
  less(a: Operand, b: Operand, what: string): Value {
    return this.binary('Less', a, b, what, 'bool');
  }
  lessEqual(a: Operand, b: Operand, what: string): Value {
    return this.binary('LessOrEqual', a, b, what, 'bool');
  }
  equal(a: Operand, b: Operand, what: string): Value {
    return this.binary('Equal', a, b, what, 'bool');
  }
  and(a: Value, b: Value, what: string): Value {
    return this.binary('And', a, b, what, 'bool');
  }
  not(a: Value, what: string): Value {
    return this.node('Not', [a], what, { type: 'bool', shape: a.shape });
  }
  unary(opType: 'Floor' | 'Log' | 'Exp' | 'Relu' | 'Neg' | 'Identity', x: Value, what: string): Value {
    return this.node(opType, [x], what, { shape: x.shape });
  }
  cast(x: Value, to: ElemType, what: string): Value {
    const codes: Record<ElemType, number> = { float32: 1, uint8: 2, int32: 6, int64: 7, bool: 9 };
    return this.node('Cast', [x], what, { type: to, shape: x.shape, attrs: { to: codes[to] } });
  }
  where(cond: Value, a: Operand, b: Operand, what: string): Value {
    const x = this.value(a);
    const y = this.value(b);
    return this.node('Where', [cond, x, y], what, {
      type: x.type,
      shape: broadcastShapes(cond.shape, broadcastShapes(x.shape, y.shape)),
    });
  }
  clip(x: Value, lo: number, hi: number, what: string): Value {
    return this.node('Clip', [x, this.value(lo), this.value(hi)], what, { shape: x.shape });
  }

  /**
   * core's spike(x - threshold): 1 where x - threshold > 0 (>= 0 when `inclusive`, SpikingJelly's
   * convention), else 0, NaN giving 0: the threshold as a comparison and a cast. `x > threshold` is
   * the same test as `x - threshold > 0` for every float32 pair (subtraction rounds to zero only for
   * equal operands, as IEEE arithmetic keeps subnormals), so no subtraction is written. Returns the
   * comparison too, for resets written as a Where.
   */
  fire(x: Value, threshold: Operand, inclusive: boolean, what: string): { fired: Value; spikes: Value } {
    const fired = inclusive
      ? this.greaterEqual(x, threshold, `${what}_fired`)
      : this.greater(x, threshold, `${what}_fired`);
    return { fired, spikes: this.cast(fired, 'float32', what) };
  }

  /** x W^T (+ b) for a [N, in] input and PyTorch-layout weights [out, in]: ONNX Gemm with transB. */
  linear(x: Value, w: Value, b: Value | null, what: string): Value {
    if (x.shape.length !== 2) throw new Error(`internal: linear expects a rank-2 input, got [${x.shape}]`);
    return this.node('Gemm', b ? [x, w, b] : [x, w], what, {
      shape: [x.shape[0], w.shape[0]],
      attrs: { transB: 1 },
    });
  }

  /** Reshape to `shape`, whose entries are numbers, 0 (copy that input dim) or -1 (inferred). */
  reshape(x: Value, target: readonly number[], outShape: readonly Dim[], what: string): Value {
    return this.node('Reshape', [x, this.g.constant(target, 'int64')], what, { shape: outShape });
  }
}

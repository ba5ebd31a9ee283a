import { GradientError } from '../errors.js';
import { formatShape, shapesEqual } from '../kernels/shape-utils.js';
import { describeTensor, Tensor } from '../tensor/tensor.js';
import type { Engine } from './engine.js';

export type Thunk = () => Tensor;

/** One recorded op. The tape is a flat array of these in execution order. */
export interface TapeNode {
  /** Kernel (or pseudo-op: Reshape, Clone, customGrad) name, for error messages. */
  readonly name: string;
  readonly inputs: readonly Tensor[];
  readonly outputs: readonly Tensor[];
  /**
   * Output gradients (zeros filled in for outputs no gradient reached) and the saved handles (inputs
   * then outputs) -> one thunk per input (undefined: no gradient for that input). Undefined for ops
   * that are not differentiable.
   */
  readonly backward:
    | ((dys: readonly Tensor[], saved: readonly Tensor[]) => readonly (Thunk | undefined)[])
    | undefined;
  /** The tape's own handles on inputs and outputs, freed when the tape is released. */
  readonly saved: readonly Tensor[];
}

/** A gradient computation in progress: the tensors that depend on the xs, and the tape. */
export interface GradScope {
  readonly tape: TapeNode[];
  readonly tracked: Set<number>;
}

/** Frees the tape's saved handles. */
export function releaseTape(scope: GradScope, engine: Engine): void {
  for (const node of scope.tape) for (const t of node.saved) engine.disposeTensor(t);
  scope.tape.length = 0;
}

/**
 * Reverse-mode sweep over the linear tape: each node is visited once, in reverse order, so the cost
 * is linear in the tape length whatever the number of paths (an unrolled SNN has exponentially many).
 * Gradients of a tensor used several times are summed.
 */
export function backprop(
  engine: Engine,
  scope: GradScope,
  y: Tensor,
  dy: Tensor | undefined,
  xs: readonly Tensor[],
): Tensor[] {
  const grads = new Map<number, Tensor>();
  /** Tensor id -> the non-differentiable op that stopped every gradient headed its way. */
  const blocked = new Map<number, string>();
  const stored = new Set<Tensor>();
  // Filled on the backend (no host array to allocate and upload); zeros are shared constants: the
  // gradients of a fused kernel's unused outputs, at every time step.
  const filled = (t: Tensor, value: number) =>
    engine.runKernel('BroadcastTo', { x: engine.scalarConst(value, 'float32') }, { shape: t.shape });
  const zeros = (t: Tensor) => engine.zerosConst(t.shape);

  const seed = dy === undefined ? filled(y, 1) : dy.clone();
  grads.set(y.id, seed);
  stored.add(seed);

  for (let n = scope.tape.length - 1; n >= 0; n--) {
    const node = scope.tape[n];
    const dys: (Tensor | undefined)[] = [];
    let reached = false;
    for (const o of node.outputs) {
      const g = grads.get(o.id);
      dys.push(g);
      if (g !== undefined) reached = true;
    }
    if (!reached) {
      // Carry a "stopped by" mark up through ops the gradient never reached.
      let mark: string | undefined;
      for (const o of node.outputs) mark ??= blocked.get(o.id);
      if (mark !== undefined) {
        // A non-differentiable op on the way renames the mark: the error names the op closest to x.
        const name = node.backward === undefined ? node.name : mark;
        for (const t of node.inputs) {
          if (scope.tracked.has(t.id) && !blocked.has(t.id)) blocked.set(t.id, name);
        }
      }
      continue;
    }
    // This node consumes its outputs' gradients. (Outputs are never xs: xs exist before the tape.)
    const consumed: Tensor[] = [];
    for (const o of node.outputs) {
      const g = grads.get(o.id);
      if (g !== undefined) {
        grads.delete(o.id);
        stored.delete(g);
        consumed.push(g);
      }
    }
    if (node.backward === undefined) {
      // The closest non-differentiable op names the error.
      for (const t of node.inputs) if (scope.tracked.has(t.id)) blocked.set(t.id, node.name);
      for (const g of consumed) engine.disposeTensor(g);
      continue;
    }
    const filled: Tensor[] = [];
    const made: Tensor[] = [];
    node.outputs.forEach((o, k) => {
      const g = dys[k];
      if (g !== undefined) filled.push(g);
      else {
        const z = zeros(o);
        made.push(z);
        filled.push(z);
      }
    });
    const thunks = node.backward(filled, node.saved);
    for (let i = 0; i < node.inputs.length; i++) {
      const input = node.inputs[i];
      if (!scope.tracked.has(input.id)) continue;
      const thunk = thunks[i];
      if (thunk === undefined) {
        if (!blocked.has(input.id)) blocked.set(input.id, node.name);
        continue;
      }
      let g = thunk();
      if (!(g instanceof Tensor)) {
        throw new GradientError(`gradient rule of ${node.name} returned no tensor for input ${i}`);
      }
      if (!shapesEqual(g.shape, input.shape)) {
        throw new GradientError(
          `gradient rule of ${node.name} returned shape ${formatShape(g.shape)} for input ${describeTensor(input)} (internal error: rules must reduce broadcast dimensions)`,
        );
      }
      // Each stored gradient must be its own handle: a rule may return dy itself, or one tensor twice.
      if (stored.has(g) || filled.includes(g) || node.saved.includes(g)) g = g.clone();
      const prev = grads.get(input.id);
      if (prev === undefined) {
        grads.set(input.id, g);
        stored.add(g);
      } else {
        const sum = engine.runKernel('Add', { a: prev, b: g }, {});
        stored.delete(prev);
        engine.disposeTensor(prev);
        engine.disposeTensor(g);
        grads.set(input.id, sum);
        stored.add(sum);
      }
    }
    for (const g of consumed) engine.disposeTensor(g);
    for (const z of made) engine.disposeTensor(z);
  }

  return xs.map((x) => {
    const g = grads.get(x.id);
    if (g !== undefined) return g;
    const mark = blocked.get(x.id);
    if (mark !== undefined) throw engine.blockedError(x, mark);
    return zeros(x);
  });
}

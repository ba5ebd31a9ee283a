import { ArgumentError, GradientError } from '../errors.js';
import { Tensor } from '../tensor/tensor.js';
import { ENGINE } from './engine.js';

/**
 * `grad(f)(x)`: the gradient of f at x (of sum(f(x)) when f is not scalar; `dy` seeds another
 * weighting). Tensors made inside are freed; the gradient is the caller's.
 *
 * @param f - A function of one tensor.
 * @example
 * ```ts
 * const f = (x: Tensor) => sum(square(x));
 * const g = grad(f)(tensor([1, 2, 3])); // 2x: [2, 4, 6]
 * ```
 */
export function grad(f: (x: Tensor) => Tensor): (x: Tensor, dy?: Tensor) => Tensor {
  return (x, dy) => gradsOnly(() => f(x), [x], dy)[0];
}

/**
 * Like `grad`, for a function of several tensors.
 *
 * @param f - A function of several tensors.
 * @example
 * ```ts
 * const [da, db] = grads((a, b) => sum(mul(a, b)))([tensor([1, 2]), tensor([3, 4])]); // [3, 4], [1, 2]
 * ```
 */
export function grads(f: (...xs: Tensor[]) => Tensor): (xs: readonly Tensor[], dy?: Tensor) => Tensor[] {
  return (xs, dy) => gradsOnly(() => f(...xs), xs, dy);
}

/**
 * The gradients without the value: the outer tidy frees the value f made (it is not returned), while
 * a value that is one of the gradients, or a tensor made before the call (an x, a closed-over
 * weight), survives as tidy only frees what was made inside it.
 */
function gradsOnly(f: () => Tensor, xs: readonly Tensor[], dy?: Tensor): Tensor[] {
  return ENGINE.tidy(() => ENGINE.gradients(f, xs, dy).grads);
}

/**
 * `valueAndGrad(f)(x)` -> { value: f(x), grad }: f's value and its gradient with respect to x in one
 * pass (tfjs `valueAndGrad`; PyTorch: `y = f(x); y.backward()`, then `x.grad`). `dy` weighs the
 * gradient of a non-scalar value (default: ones). The caller owns both tensors.
 *
 * @param f - A function of one tensor.
 * @example
 * ```ts
 * const { value, grad: g } = valueAndGrad((x: Tensor) => sum(square(x)))(tensor([1, 2]));
 * console.log(value.item(), g.dataSync()); // 5 [2, 4]
 * ```
 */
export function valueAndGrad(f: (x: Tensor) => Tensor): (
  x: Tensor,
  dy?: Tensor,
) => {
  /** f(x). */
  value: Tensor;
  /** d(sum(dy * f(x)))/dx, x's shape. */
  grad: Tensor;
} {
  return (x, dy) => {
    const { value, grads: g } = ENGINE.gradients(() => f(x), [x], dy);
    return { value, grad: g[0] };
  };
}

/**
 * The value of a scalar `f()` and its gradients with respect to each of `xs` (zeros where f does not
 * depend on an x). Every tensor made inside f is freed except the value; the gradients are plain
 * tensors the caller owns. Throws a GradientError naming the op when a gradient can only reach an x
 * through a non-differentiable op (ArgMax, a comparison, a Cast to int...).
 *
 * @param f - A function of no arguments returning a scalar (it closes over the xs).
 * @param xs - The tensors to differentiate with respect to.
 * @param dy - Weights of a non-scalar value's elements, default ones.
 * @example
 * ```ts
 * const w = variable(randomNormal([3, 2], { seed: 0 }));
 * const x = tensor([[1, 0, 1]]);
 * const target = tensor([[1, 0]]);
 * const { value: loss, grads: [dw] } = valueAndGrads(() => mean(square(sub(matMul(x, w), target))), [w]);
 * console.log(loss.item(), dw.shape); // the MSE, [3, 2]
 * ```
 */
export function valueAndGrads(
  f: () => Tensor,
  xs: readonly Tensor[],
  dy?: Tensor,
): {
  /** f(). */
  value: Tensor;
  /** One gradient per x, in the order of `xs`, each of its x's shape. */
  grads: Tensor[];
} {
  if (!Array.isArray(xs)) throw new ArgumentError('valueAndGrads(f, xs): xs must be an array of tensors');
  return ENGINE.gradients(f, xs, dy);
}

/** What a custom-gradient function returns. */
export interface CustomGradResult {
  /** The forward result (what `customGrad` returns). */
  value: Tensor;
  /**
   * dL/dvalue -> dL/dinput for each input (null: no gradient). `saved` is `save` (default: the
   * inputs), held by the tape so they live until the backward pass even if disposed meanwhile.
   */
  gradFunc: (dy: Tensor, saved: readonly Tensor[]) => readonly (Tensor | null | undefined)[] | Tensor;
  /** Tensors gradFunc needs, kept alive by the tape (default: the inputs). */
  save?: readonly Tensor[];
}

/**
 * A function with a hand-written gradient (tf.customGrad): the forward runs without recording, and
 * the backward pass calls `gradFunc`. Used for surrogate spike functions and fused neuron kernels.
 * Tensors made inside f are freed when it returns, except `value` and `save`: gradFunc must read
 * tensors through its `saved` argument, not through its closure.
 *
 * @param f - The forward: returns value, gradFunc and optionally save.
 * @param name - The op's name on the tape and in errors, default 'customGrad'.
 * @example
 * ```ts
 * // A straight-through estimator: Heaviside forward, identity backward.
 * const ste = customGrad((x: Tensor) => ({ value: spike(x), gradFunc: (dy) => [dy] }), 'STE');
 * const g = grad((x: Tensor) => sum(ste(x)))(tensor([-1, 2])); // [1, 1]
 * ```
 */
export function customGrad<I extends Tensor[]>(
  f: (...inputs: I) => CustomGradResult,
  name = 'customGrad',
): (...inputs: I) => Tensor {
  return (...inputs: I) => {
    for (const t of inputs) ENGINE.assertUsable(t, name);
    // tidy frees f's intermediates; what it returns (value, save) survives.
    const res = ENGINE.noGrad(() => ENGINE.tidy(() => f(...inputs)));
    if (
      res === null ||
      typeof res !== 'object' ||
      !(res.value instanceof Tensor) ||
      typeof res.gradFunc !== 'function'
    ) {
      throw new ArgumentError(`${name}: f must return { value: Tensor, gradFunc }`);
    }
    let value = res.value;
    if (!ENGINE.isRecording) return value;
    // The output must be a handle of its own, or the tape could not tell it from an input.
    if (inputs.includes(value)) value = ENGINE.detach(value);
    const gradFunc = res.gradFunc;
    ENGINE.recordNode(
      name,
      inputs,
      [value],
      (dys, saved) => {
        const out = gradFunc(dys[0], saved);
        const list = out instanceof Tensor ? [out] : out;
        if (!Array.isArray(list) || list.length !== inputs.length) {
          throw new GradientError(
            `${name}: gradFunc returned ${Array.isArray(list) ? list.length : 'no'} gradients for ${inputs.length} inputs`,
          );
        }
        return list.map((g) => (g === null || g === undefined ? undefined : () => g));
      },
      res.save ?? inputs,
    );
    return value;
  };
}

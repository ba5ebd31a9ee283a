import type { Dim, Value } from '../graph/graph-builder.js';
import type { Ops } from '../graph/ops.js';
import { type Stage, statelessStage } from './stage.js';

/**
 * A stateless function applied between layers in a model's forward (`relu(z)`, `mul(x, 10)`), for
 * models whose step is written as code rather than as modules: put it in the stage list where the
 * forward calls it. Each matches the core op of the same name. Make them with {@link relu} and
 * {@link scale}.
 *
 * @param defaultName - Default stage name (`relu`), made unique in the model.
 * @param description - How the stage shows in messages and the doc string.
 * @param outputShape - The output dims from the input dims (without batch and time).
 * @param write - Adds the ONNX nodes computing the output from the input.
 * @example
 * ```ts
 * // A forward written as code: z = lif(relu(fc1(x)) * 10), then a readout
 * const fc1 = new Linear(784, 100);
 * const lif = new LIFCell();
 * const out = new LILinearCell(100, 10);
 * const pieces = [fc1, relu(), scale(10), lif, out]; // relu() and scale(10) are StepFunctions
 * const bytes = await exportOnnx(pieces, { inputShape: [784], steps: 25, decoder: maxLogSoftmax });
 * ```
 */
export class StepFunction {
  constructor(
    /** Default stage name (`relu`), made unique in the model. */
    readonly defaultName: string,
    /** How the stage shows in messages and the doc string (`relu`, `mul(x, 10)`). */
    readonly description: string,
    private readonly outputShape: (input: readonly Dim[]) => readonly Dim[],
    private readonly write: (ops: Ops, x: Value) => Value,
  ) {}

  /** @internal the stage for the exporter. */
  toStage(name: string): Stage {
    return statelessStage(name, this.description, this.outputShape, this.write);
  }
}

/**
 * core's `relu(x)` (ONNX Relu), as a piece of a network's step list.
 *
 * @example
 * ```ts
 * // forward: z = lif(relu(fc1(x)))
 * const pieces = [new Linear(784, 100), relu(), new LIFCell(), new LILinearCell(100, 10)];
 * const bytes = await exportOnnx(pieces, { inputShape: [784], steps: 25, decoder: maxLogSoftmax });
 * ```
 */
export function relu(): StepFunction {
  return new StepFunction(
    'relu',
    'relu',
    (s) => s,
    (ops, x) => ops.unary('Relu', x, 'y'),
  );
}

/**
 * core's `mul(x, factor)`, e.g. Norse's ConvNet scaling its second convolution by 10.
 *
 * @param factor - The finite number every element is multiplied by.
 * @example
 * ```ts
 * // Norse's ConvNet: z = lif1(10 * conv2(z)), as a piece between the convolution and the cell
 * const pieces = [new Conv2d(1, 20, 5), new LIFCell(), new MaxPool2d(2), new Conv2d(20, 50, 5), scale(10), new LIFCell()];
 * const bytes = await exportOnnx(pieces, { inputShape: [1, 28, 28], steps: 10 }); // outputs at every step
 * ```
 */
export function scale(factor: number): StepFunction {
  if (!Number.isFinite(factor)) throw new RangeError(`scale: factor must be a finite number, got ${factor}`);
  return new StepFunction(
    'scale',
    `mul(x, ${factor})`,
    (s) => s,
    (ops, x) => ops.mul(x, factor, 'y'),
  );
}

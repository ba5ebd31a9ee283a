import type { Dim, Value } from '../graph/graph-builder.js';
import type { Ops } from '../graph/ops.js';
import { type Stage, statelessStage } from './stage.js';

/**
 * A stateless function applied between layers in a model's forward (`relu(z)`, `mul(x, 10)`), for
 * models whose step is written as code rather than as modules: put it in the stage list where the
 * forward calls it. Each matches the core op of the same name.
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

/** core's `relu(x)` (ONNX Relu). */
export function relu(): StepFunction {
  return new StepFunction(
    'relu',
    'relu',
    (s) => s,
    (ops, x) => ops.unary('Relu', x, 'y'),
  );
}

/** core's `mul(x, factor)`, e.g. Norse's ConvNet scaling its second convolution by 10. */
export function scale(factor: number): StepFunction {
  if (!Number.isFinite(factor)) throw new RangeError(`scale: factor must be a finite number, got ${factor}`);
  return new StepFunction(
    'scale',
    `mul(x, ${factor})`,
    (s) => s,
    (ops, x) => ops.mul(x, factor, 'y'),
  );
}

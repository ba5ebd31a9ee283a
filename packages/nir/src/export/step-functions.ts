/**
 * A function a model's forward applies between its modules, for the network list given to `toNir`
 * (the same role as @snn/onnx's relu() and scale(k)): NIR has a node for scaling and none for relu,
 * which passes spikes unchanged and is left out after a spiking layer (refused elsewhere).
 *
 * @example
 * ```ts
 * const net = { fc1: new Linear(784, 100), lif1: new LIFCell(), fc2: new Linear(100, 10), lif2: new LIFCell() };
 * const graph = await toNir([net.fc1, net.lif1, scale(10), net.fc2, net.lif2], { dt: 1e-3, inputShape: [784] });
 * ```
 */
export class NirStepFunction {
  private constructor(
    /** Which function: relu, or multiplication by `factor`. */
    readonly kind: 'relu' | 'scale',
    /** The factor of `scale(k)` (1 for relu). */
    readonly factor = 1,
  ) {}

  /** relu(x): exact on spikes (0 and 1 stay as they are), so it adds no node there. */
  static relu(): NirStepFunction {
    return new NirStepFunction('relu');
  }

  /** x * k, a NIR Scale node. */
  static scale(k: number): NirStepFunction {
    return new NirStepFunction('scale', k);
  }

  /** The name its node gets in the graph when it needs one ('scale'). */
  get defaultName(): string {
    return this.kind;
  }
}

/**
 * relu between two modules of the network list given to `toNir` (as @snn/onnx's relu()). Only
 * after a spiking layer, where it adds no node.
 *
 * @example
 * ```ts
 * const net = { conv1: new Conv2d(1, 12, 5), lif1: new LIFCell(), fc: new Linear(12 * 24 * 24, 10) };
 * await toNir([net.conv1, net.lif1, relu(), new Flatten(), net.fc], { dt: 1e-3, inputShape: [1, 28, 28] });
 * ```
 */
export const relu = (): NirStepFunction => NirStepFunction.relu();
/**
 * Multiplication by k between two modules of the list given to `toNir` (NIR's Scale node).
 *
 * @param k - The factor, dimensionless.
 *
 * @example
 * ```ts
 * const net = { fc1: new Linear(784, 100), lif1: new LIFCell(), fc2: new Linear(100, 10), lif2: new LIFCell() };
 * await toNir([net.fc1, net.lif1, scale(10), net.fc2, net.lif2], { dt: 1e-3, inputShape: [784] });
 * ```
 */
export const scale = (k: number): NirStepFunction => NirStepFunction.scale(k);

import { ArgumentError, type SurrogateName } from '@snn/core';
import * as tf from '@tensorflow/tfjs-core';

/**
 * d/dx of the named surrogate spike function at x (x = v - vTh), as tfjs ops over a whole tensor.
 * The formulas are core's (backends/reference/surrogate-derivatives.ts), which cite the library each
 * matches:
 *   superspike, fastSigmoid: 1 / (alpha*|x| + 1)^2
 *   atan:                    (alpha/2) / (1 + (pi/2 * alpha * x)^2)
 *   sigmoid:                 alpha * s * (1 - s), s = sigmoid(alpha * x)
 *   triangle:                alpha * max(0, 1 - alpha*|x|)
 *   straightThrough:         1
 */
export function surrogateDerivativeTf(name: SurrogateName, x: tf.Tensor, alpha: number): tf.Tensor {
  switch (name) {
    case 'superspike':
    case 'fastSigmoid':
      return tf.reciprocal(tf.square(tf.add(tf.mul(tf.abs(x), alpha), 1)));
    case 'atan': {
      const u = tf.mul(x, (Math.PI / 2) * alpha);
      return tf.div(tf.scalar(alpha / 2), tf.add(tf.square(u), 1));
    }
    case 'sigmoid': {
      const s = tf.sigmoid(tf.mul(x, alpha));
      return tf.mul(tf.mul(s, tf.sub(1, s)), alpha);
    }
    case 'triangle':
      return tf.mul(tf.relu(tf.sub(1, tf.mul(tf.abs(x), alpha))), alpha);
    case 'straightThrough':
      return tf.onesLike(x);
    default:
      throw new ArgumentError(
        `unknown surrogate '${String(name)}'; expected superspike, atan, sigmoid, fastSigmoid, triangle or straightThrough`,
      );
  }
}

import { ArgumentError, type SurrogateName } from '@snn/core';

/*
 * WGSL `surrogate_grad(x, alpha)`: d/dx of the smooth stand-in for the Heaviside step, the same
 * formulas as core's reference (surrogate-derivatives.ts). The surrogate is part of the pipeline key;
 * alpha is a uniform.
 */
const BODIES: Record<SurrogateName, string> = {
  superspike: 'let d = alpha * abs(x) + 1.0; return 1.0 / (d * d);',
  fastSigmoid: 'let d = alpha * abs(x) + 1.0; return 1.0 / (d * d);',
  atan: 'let u = 1.5707963267948966 * alpha * x; return alpha / 2.0 / (1.0 + u * u);',
  // exp(-alpha x) overflows for very negative x: s is then 0 and so is the derivative.
  sigmoid: 'let s = 1.0 / (1.0 + exp(min(-alpha * x, 88.0))); return alpha * s * (1.0 - s);',
  triangle: 'return alpha * max(0.0, 1.0 - alpha * abs(x));',
  straightThrough: 'return 1.0;',
};

export function surrogateWgsl(name: SurrogateName): string {
  const body = BODIES[name];
  if (!body) {
    throw new ArgumentError(
      `unknown surrogate '${String(name)}'; expected one of ${Object.keys(BODIES).join(', ')}`,
    );
  }
  return `fn surrogate_grad(x: f32, alpha: f32) -> f32 { ${body} }`;
}

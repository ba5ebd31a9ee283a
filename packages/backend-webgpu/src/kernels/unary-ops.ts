import type { TensorInfo } from '@snn/core';
import type { Program } from '../program.js';
import type { WebGPUBackend } from '../webgpu-backend.js';
import { elementwiseProgram, runElementwise } from './elementwise-shader.js';

export type UnaryOp = 'Neg' | 'Abs' | 'Exp' | 'Log' | 'Sqrt' | 'Reciprocal' | 'Sign' | 'Floor' | 'Tanh';

/*
 * float32 -> float32. NaN in gives NaN out for every op (checked first, since WGSL compilers may
 * assume no NaN); edge values (log 0, 1/0, exp overflow) are spelled out to match IEEE / JavaScript.
 */
const UNARY: Record<UnaryOp, string> = {
  Neg: '-x',
  Abs: 'abs(x)',
  Exp: 'select(exp(x), inf_f32(), x > 88.72283)',
  Log: 'select(select(log(x), -inf_f32(), x == 0.0), nan_f32(), x < 0.0)',
  Sqrt: 'select(sqrt(x), nan_f32(), x < 0.0)',
  Reciprocal:
    'select(1.0 / x, select(inf_f32(), -inf_f32(), (bitcast<u32>(x) & 0x80000000u) != 0u), x == 0.0)',
  Sign: 'sign(x)',
  Floor: 'floor(x)',
  // tanh saturates to +-1 in f32 well before |x| = 20; clamping avoids exp overflow inside tanh.
  Tanh: 'tanh(clamp(x, -20.0, 20.0))',
};

export function unaryProgram(op: UnaryOp): Program {
  return elementwiseProgram(
    `${op}:float32`,
    ['float32'],
    'float32',
    'apply(v0)',
    `fn apply(x: f32) -> f32 {
  if (is_nan(x)) { return x; }
  return ${UNARY[op]};
}`,
  );
}

export function unary(backend: WebGPUBackend, op: UnaryOp, x: TensorInfo): TensorInfo {
  return runElementwise(backend, unaryProgram(op), [x], x.shape, 'float32', op);
}

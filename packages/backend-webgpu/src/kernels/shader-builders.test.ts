import { REQUIRED_KERNELS, surrogate } from '@snn/core';
import { PROBE_SURROGATE } from '@snn/core/testing';
import { grid, Uniforms } from '../program.js';
import { arithmeticProgram, comparisonProgram } from './binary-ops.js';
import { copyProgram } from './copy-shader.js';
import { KERNELS } from './index.js';
import { broadcastStrides } from './indexing.js';
import { MATMUL_PROGRAM } from './matmul-shader.js';
import { reduceProgram } from './reduce-shader.js';
import { surrogateWgsl, wgslSupportsSurrogate } from './surrogate-wgsl.js';
import { unaryProgram } from './unary-ops.js';

test('every required kernel is implemented', () => {
  const missing = REQUIRED_KERNELS.filter((k) => !(k in KERNELS));
  expect(missing).toEqual([]);
});

test('pipeline keys name the kernel and dtypes, never shapes', () => {
  expect(arithmeticProgram('Add', 'float32').key).toBe('Add:float32');
  expect(arithmeticProgram('Add', 'int32').key).toBe('Add:int32');
  expect(comparisonProgram('Less', 'int32', 'float32').key).toBe('Less:int32:float32');
  expect(reduceProgram('Sum', 'bool').key).toBe('Sum:bool');
  expect(copyProgram('int32').key).toBe('StridedCopy:int32');
  expect(MATMUL_PROGRAM.key).toBe('MatMul:float32');
});

test('shader sources declare inputs read-only, outputs read_write, then the uniform block', () => {
  const src = arithmeticProgram('Div', 'int32').build();
  expect(src).toContain('@binding(0) var<storage, read> in0: array<i32>');
  expect(src).toContain('@binding(1) var<storage, read> in1: array<i32>');
  expect(src).toContain('@binding(2) var<storage, read_write> out: array<i32>');
  expect(src).toContain('@binding(3) var<uniform> params');
  expect(src).toContain('floor_div(v0, v1)');
  // Comparisons write bool as u32.
  expect(comparisonProgram('Equal', 'float32', 'float32').build()).toContain('out: array<u32>');
  // NaN is never a WGSL literal (a constant NaN does not compile).
  expect(unaryProgram('Log').build()).not.toMatch(/bitcast<f32>\(0x7fc00000u\)/);
  expect(reduceProgram('Sum', 'bool').build()).toContain('out: array<i32>');
});

test('broadcastStrides zeroes broadcast dims and aligns ranks right', () => {
  expect(broadcastStrides([3], [2, 3])).toEqual([0, 1]);
  expect(broadcastStrides([2, 1], [2, 3])).toEqual([1, 0]);
  expect(broadcastStrides([4, 1, 3], [2, 4, 5, 3])).toEqual([0, 3, 0, 1]);
});

test('grid splits large workgroup counts over two dimensions', () => {
  expect(grid(0)).toEqual([0, 1, 1]);
  expect(grid(10)).toEqual([10, 1, 1]);
  const [x, y] = grid(200000);
  expect(x).toBeLessThanOrEqual(65535);
  expect(x * y).toBeGreaterThanOrEqual(200000);
});

test('Uniforms packs u32, i32, f32 and dtype-typed values into whole vec4s', () => {
  const u = new Uniforms(5).u(0, 7).i(1, -1).f(2, 1.5).typed(3, 2, 'int32').typed(4, 1, 'bool');
  expect(u.words.length).toBe(8);
  expect(Array.from(u.words.slice(0, 5))).toEqual([7, 0xffffffff, 0x3fc00000, 2, 1]);
});

test('surrogate_grad is printed from the expression: lets in order, clamped exp, shared nodes once', () => {
  expect(surrogateWgsl('superspike')).toBe(
    [
      'fn surrogate_grad(x: f32, alpha: f32) -> f32 {',
      '  let e0 = abs(x);',
      '  let e1 = alpha * e0;',
      '  let e2 = e1 + 1.0;',
      '  let e3 = e2 * e2;',
      '  let e4 = 1.0 / e3;',
      '  return e4;',
      '}',
    ].join('\n'),
  );
  // sigmoid's s is used twice and computed once; its exponent is clamped.
  const sigmoid = surrogateWgsl('sigmoid');
  expect(sigmoid.match(/exp\(/g)).toHaveLength(1);
  expect(sigmoid).toContain('exp(min(-e0, 88.0))');
  expect(surrogateWgsl('straightThrough')).toContain('return 1.0;');
  // Every comparison of the probe becomes a select.
  expect(surrogateWgsl(PROBE_SURROGATE.name).match(/select\(/g)).toHaveLength(4);
});

test('a surrogate WGSL cannot hold falls back: core ops only, or a constant beyond f32', () => {
  surrogate.define({ name: 'wgslOpsOnly', alpha: 1, ops: (x) => x });
  surrogate.define({
    name: 'wgslHugeConstant',
    alpha: 1,
    derivative: surrogate.expr.mul(1e39, surrogate.expr.x),
  });
  expect(wgslSupportsSurrogate('wgslOpsOnly')).toBe(false);
  expect(wgslSupportsSurrogate('wgslHugeConstant')).toBe(false);
  expect(wgslSupportsSurrogate('atan')).toBe(true);
  expect(wgslSupportsSurrogate('notDefinedYet')).toBe(false);
  // Defined later, it is picked up (the unknown name was not cached).
  surrogate.define({ name: 'notDefinedYet', alpha: 1, derivative: 1 });
  expect(wgslSupportsSurrogate('notDefinedYet')).toBe(true);
  expect(() => surrogateWgsl('wgslOpsOnly')).toThrow(/no expression to compile/);
});

import { ARITH_OP, arithmetic } from './binary.js';
import type { WasmKernel } from './kernel.js';

/** a / b; int32 is floor division (a zero divisor stores 0), as the reference backend. */
export const Div: WasmKernel<'Div'> = (inputs, _attrs, ctx) =>
  arithmetic(
    ctx,
    inputs,
    'Div',
    ARITH_OP.Div,
    (x, y) => x / y,
    (x, y) => Math.floor(x / y),
  );

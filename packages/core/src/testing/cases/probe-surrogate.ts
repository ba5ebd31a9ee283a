import type { SurrogateDefinition } from '../../surrogate/definition.js';
import {
  abs,
  add,
  alpha,
  div,
  exp,
  ge,
  gt,
  le,
  log,
  lt,
  max,
  min,
  mul,
  neg,
  reciprocal,
  sigmoid,
  sqrt,
  square,
  sub,
  tanh,
  where,
  x,
} from '../../surrogate/expression.js';
import { defineSurrogate, getSurrogate, surrogateNames } from '../../surrogate/registry.js';

/*
 * A surrogate that no backend has ever seen, defined here once: every operation of the expression
 * language (each comparison in a `where`, every unary and binary op, a node used twice). The
 * conformance suite runs SpikeGrad and LIFSequenceGrad with it on every backend, so a backend that
 * generates code from expressions is checked on all of them, and the open set is proven open.
 * Branch edges sit on exact float32 values of x (-1, 0, 0.5, 1).
 */
const u = mul(alpha, x);
const bump = exp(neg(square(u)));
const soft = reciprocal(add(1, abs(u)));

export const PROBE_SURROGATE: SurrogateDefinition = defineSurrogate({
  name: 'conformanceProbe',
  alpha: 1.5,
  derivative: where(
    lt(x, -1),
    mul(0.5, soft),
    where(
      le(x, 0),
      sub(bump, mul(0.1, min(u, 0))),
      where(
        gt(x, 1),
        max(mul(log(add(2, sigmoid(u))), soft), 0.01),
        where(ge(x, 0.5), div(sqrt(add(1, square(u))), add(2, tanh(u))), add(bump, soft)),
      ),
    ),
  ),
  matches: 'nothing: a test of the expression language on every backend',
});

/** `listed`, then every other defined surrogate (the probe, and any added to core) at its own alpha. */
export function withEveryDefinedSurrogate(listed: [string, number][]): [string, number][] {
  const seen = new Set(listed.map(([name]) => name));
  const rest = surrogateNames().filter((name) => !seen.has(name));
  return [...listed, ...rest.map((name): [string, number] => [name, getSurrogate(name)!.alpha])];
}

/**
 * Whether `m` is an instance of `cls` itself, not of a subclass. Exporters (ONNX, NIR) match classes exactly:
 * a subclass may step differently (SpikingJelly's ParametricLIFNode, QIFNode and EIFNode extend
 * LIFNode; a user's subclass may override forward), and exporting it as its parent would give a
 * file that silently computes something else.
 */
export function isExactly<T extends object>(m: unknown, cls: abstract new (...args: never[]) => T): m is T {
  return typeof m === 'object' && m !== null && Object.getPrototypeOf(m) === cls.prototype;
}

/** The classes a subclass would be mistaken for, innermost first, for the refusal message. */
export function knownAncestor(
  m: object,
  classes: readonly (abstract new (...args: never[]) => object)[],
): string | undefined {
  for (
    let proto = Object.getPrototypeOf(m);
    proto && proto !== Object.prototype;
    proto = Object.getPrototypeOf(proto)
  ) {
    const match = classes.find((c) => c.prototype === proto);
    if (match) return match.name;
  }
  return undefined;
}

/**
 * Whether `m` is an instance of `cls` itself, not of a subclass. Exporters (ONNX, NIR) match classes exactly:
 * a subclass may step differently (SpikingJelly's ParametricLIFNode, QIFNode and EIFNode extend
 * LIFNode; a user's subclass may override forward), and exporting it as its parent would give a
 * file that silently computes something else.
 *
 * @param m - The value to test (any value; non-objects give false).
 * @param cls - The class `m` must be made by, not a subclass of.
 * @example
 * ```ts
 * console.log(isExactly(new LIFNode(), LIFNode)); // true
 * console.log(isExactly(new QIFNode(), LIFNode)); // false: a subclass steps differently
 * console.log(new QIFNode() instanceof LIFNode); // true, which is why exporters do not use instanceof
 * ```
 */
export function isExactly<T extends object>(m: unknown, cls: abstract new (...args: never[]) => T): m is T {
  return typeof m === 'object' && m !== null && Object.getPrototypeOf(m) === cls.prototype;
}

/**
 * The name of the first of `classes` that `m`'s class extends (its own class counts), walking up from
 * the innermost, or undefined: what an exporter names when it refuses a subclass of a class it knows.
 *
 * @param m - The object whose prototype chain is walked.
 * @param classes - The classes an exporter knows.
 * @example
 * ```ts
 * console.log(knownAncestor(new QIFNode(), [LIFNode, Linear])); // 'LIFNode'
 * console.log(knownAncestor(new Flatten(), [LIFNode, Linear])); // undefined
 * ```
 */
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

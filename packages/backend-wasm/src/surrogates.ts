import { ArgumentError } from '@snn/core';

/**
 * The surrogate derivatives this backend implements natively, by name, with their codes in
 * csrc/surrogate.h (the one place their formulas live in this package). A name missing here is a
 * surrogate this backend lacks: the kernels that take one (SpikeGrad, LIFSequenceGrad) reject it,
 * and with core's open surrogate set core falls back to its decomposition for it.
 */
export const NATIVE_SURROGATES: Readonly<Record<string, number>> = Object.freeze({
  superspike: 0,
  atan: 1,
  sigmoid: 2,
  fastSigmoid: 3,
  triangle: 4,
  straightThrough: 5,
});

export function surrogateCode(name: string, kernel: string): number {
  const code = NATIVE_SURROGATES[name];
  if (code === undefined) {
    throw new ArgumentError(
      `${kernel}: unknown surrogate '${name}'; backend 'wasm' implements ${Object.keys(NATIVE_SURROGATES).join(', ')}`,
    );
  }
  return code;
}

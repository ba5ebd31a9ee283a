/**
 * IDX element types (third byte of the magic number), from the format's definition on
 * yann.lecun.com/exdb/mnist: every multi-byte value is stored big-endian.
 */
export type IdxDType = 'uint8' | 'int8' | 'int16' | 'int32' | 'float32' | 'float64';

/** The typed array that holds the elements of each {@link IdxDType}, in native byte order. */
export type IdxTypedArray = Uint8Array | Int8Array | Int16Array | Int32Array | Float32Array | Float64Array;

export interface IdxDTypeInfo {
  readonly dtype: IdxDType;
  readonly code: number;
  readonly bytes: number;
}

/**
 * The IDX element types by magic-number code (0x08 uint8 ... 0x0e float64), with their byte widths.
 *
 * @example
 * ```ts
 * IDX_DTYPES.get(0x08); // { dtype: 'uint8', code: 8, bytes: 1 }
 * ```
 */
export const IDX_DTYPES: ReadonlyMap<number, IdxDTypeInfo> = new Map(
  (
    [
      ['uint8', 0x08, 1],
      ['int8', 0x09, 1],
      ['int16', 0x0b, 2],
      ['int32', 0x0c, 4],
      ['float32', 0x0d, 4],
      ['float64', 0x0e, 8],
    ] as const
  ).map(([dtype, code, bytes]) => [code, { dtype, code, bytes }]),
);

export function dtypeCode(dtype: IdxDType): number {
  for (const info of IDX_DTYPES.values()) if (info.dtype === dtype) return info.code;
  throw new Error(`unknown IDX dtype ${dtype}`);
}

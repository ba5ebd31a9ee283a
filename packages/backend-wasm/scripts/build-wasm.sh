#!/bin/sh
# Builds wasm/snn-kernels.wasm (shared memory, for threads) and wasm/snn-kernels-st.wasm (plain memory,
# where SharedArrayBuffer is unavailable) from csrc/ with Debian's clang 14 + lld.
# Deterministic: fixed flags and file order, no debug info or paths in the output.
# Usage: scripts/build-wasm.sh [out-dir]   (default: wasm/)
set -eu
cd "$(dirname "$0")/.."
OUT="${1:-wasm}"
CLANG="${CLANG:-clang}"
WASM_LD="${WASM_LD:-wasm-ld}"
mkdir -p "$OUT"
TMP="$(mktemp -d)"
trap 'rm -rf "$TMP"' EXIT
SOURCES="scratch.c elementwise.c reduce.c movement.c philox.c optim.c neuron.c recurrent.c expr.c matmul.c spike.c conv.c pool.c"
CFLAGS="--target=wasm32 -O3 -msimd128 -mbulk-memory -mnontrapping-fptoint -msign-ext -nostdlib -ffreestanding -fno-builtin -ffp-contract=off -fno-math-errno -Wall -Werror -Wno-unused-function"
build() { # variant extra-cflags extra-ldflags output
  objs=""
  for src in $SOURCES; do
    obj="$TMP/$1-${src%.c}.o"
    $CLANG $CFLAGS $2 -c "csrc/$src" -o "$obj"
    objs="$objs $obj"
  done
  $CLANG --target=wasm32 $2 -c csrc/stack.S -o "$TMP/$1-stack.o"
  $WASM_LD --no-entry --import-memory $3 --max-memory=4294967296 --stack-first -z stack-size=65536 \
    --strip-all --export=__heap_base --export=__data_end "$TMP/$1-stack.o" $objs -o "$4"
}
build mt "-matomics" "--shared-memory" "$OUT/snn-kernels.wasm"
build st "" "" "$OUT/snn-kernels-st.wasm"

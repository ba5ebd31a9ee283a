#!/bin/sh
# Ours against plain PyTorch (shared/bench/torch_baseline.py), back to back per preset, twice:
# ours, PyTorch, ours, PyTorch. A development check; the repository's `pnpm bench` is the reference.
# Usage: sh bench/compare.sh [preset...]   (needs SNN_MNIST_DIR or ../shared beside the repository)
set -u
cd "$(dirname "$0")/.."
DATA="${SNN_MNIST_DIR:-$(cd ../../../shared/data/mnist && pwd)}"
TORCH="${TORCH_BASELINE:-../../../shared/bench/torch_baseline.py}"
PRESETS="${*:-norse-recurrent spikingjelly-lif-fc snntorch-fc norse-conv}"
for net in $PRESETS; do
  batches=8
  [ "$net" = norse-conv ] && batches=2
  for round in 1 2; do
    SNN_MNIST_DIR="$DATA" node bench/train.mjs "$net" wasm "$batches" | grep '^{'
    OMP_WAIT_POLICY=PASSIVE /usr/bin/python3 "$TORCH" --net "$net" --batches "$batches" --infer-batches "$batches" \
      --warmup 2 --data "$DATA" | tail -1
  done
done

#!/usr/bin/env bash
# The digits MLP as a C library (docs/deploy.md): ngraph-compile turns
# digits_mlp_manual.mlir (batches of 32, the test split's 359 images: a
# library's functions have fixed shapes) into an object file and a
# header, and two C programs use it with no LLVM, MLIR or Python in their process:
#   train_digits     trains from the untrained library (as ngraph-runner
#                    does with the same graph, batches in order) and prints
#                    the same numbers;
#   classify_digits  classifies the test images with a library compiled
#                    from digits_mlp.mlir (--batch-size 359) with the
#                    weights examples/run-digits.sh trained and saved.
# EPOCHS (default 20) and OUT (a directory for the files, default a new
# temporary one) may be set; arguments go to ngraph-compile (--target ...).
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
source "$here/sklearn-data.sh"
bin="${NGRAPH_BIN:-$here/../build/bin}"
out="${OUT:-$(mktemp -d)}"
epochs="${EPOCHS:-20}"
mkdir -p "$out/untrained" "$out/trained"
spec="csv:$(sklearn_data digits.csv.gz);header=none;label=last;test=359;seed=0;standardize=1"
cc="${CC:-cc}"

# The data as the runner feeds it (standardized), for the C programs.
"$bin/ngraph-runner" "$here/digits_mlp_manual.mlir" --data "$spec" --dump-data-npz "$out/data.npz"

echo "== training in C ($out/untrained)"
"$bin/ngraph-compile" "$here/digits_mlp_manual.mlir" --prefix digits -o "$out/untrained/digits.o" "$@"
"$cc" -O2 -I"$out/untrained" -I"$here/c" "$here/c/train_digits.c" \
  "$out/untrained/digits.o" -lm -o "$out/untrained/train_digits"
"$out/untrained/train_digits" "$out/data.npz" "$epochs"

echo "== training with ngraph-runner"
"$bin/ngraph-runner" "$here/digits_mlp_manual.mlir" --train train_step --epochs "$epochs" \
  --data "$spec" --feed X=data:x --feed L=data:y \
  --eval evaluate --eval-feed Xe=data:test_x --eval-feed Le=data:test_y \
  --print-epoch 'epoch {epoch}: train loss {loss}, test loss {eval0}, test accuracy {eval1}' \
  2>/dev/null

echo "== training examples/run-digits.sh's model, saved to $out/trained.npz"
NGRAPH_BIN="$bin" EPOCHS="$epochs" bash "$here/run-digits.sh" --save "$out/trained.npz" 2>/dev/null

echo "== classifying in C with the trained weights ($out/trained)"
# digits_mlp.mlir's batch axis is N:?: the library classifies 359 images
# per call.
"$bin/ngraph-compile" "$here/digits_mlp.mlir" --batch-size 359 --prefix digits \
  --weights "$out/trained.npz" -o "$out/trained/digits.o" "$@"
"$cc" -O2 -I"$out/trained" -I"$here/c" "$here/c/classify_digits.c" \
  "$out/trained/digits.o" -lm -o "$out/trained/classify_digits"
"$out/trained/classify_digits" "$out/data.npz"
